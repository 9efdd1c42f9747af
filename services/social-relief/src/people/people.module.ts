import { Module } from '@nestjs/common';
import { PersonRegistry } from './application/person-registry';
import { PersonRepository } from './infrastructure/person.repository';
import { PeopleHttpController } from './interface/people.http.controller';

/** People and their relief registers; the other capabilities use PersonRegistry. */
@Module({
  controllers: [PeopleHttpController],
  providers: [PersonRepository, PersonRegistry],
  exports: [PersonRegistry],
})
export class PeopleModule {}
