import { Module } from '@nestjs/common';
import { PersonRegistry } from './application/person-registry';
import { RegisterRollMigration } from './application/register-roll-migration.service';
import { PersonRepository } from './infrastructure/person.repository';
import { RegisterRollRepository } from './infrastructure/register-roll.repository';
import { PeopleHttpController } from './interface/people.http.controller';

/** People and their relief registers (the register roll); the other capabilities use PersonRegistry. */
@Module({
  controllers: [PeopleHttpController],
  providers: [PersonRepository, RegisterRollRepository, PersonRegistry, RegisterRollMigration],
  exports: [PersonRegistry],
})
export class PeopleModule {}
