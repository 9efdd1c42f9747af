import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { KeepInstitutionCopyHandler } from './application/keep-institution-copy.handler';
import { InstitutionCopyRepository } from './infrastructure/institution-copy.repository';
import { InstitutionEventsMessageController } from './interface/institution-events.message.controller';

/** Social relief's own copy of institution data (for the bed subsidy), from institution-monitoring's events. */
@Module({
  imports: [PeopleModule],
  controllers: [InstitutionEventsMessageController],
  providers: [InstitutionCopyRepository, KeepInstitutionCopyHandler],
  exports: [InstitutionCopyRepository],
})
export class InstitutionCopyModule {}
