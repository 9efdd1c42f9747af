import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { EntryRegisterSync } from './application/entry-register-sync';
import { KeyPersonListsService } from './application/key-person-lists.service';
import { OverdueVisitSweepScheduler } from './application/overdue-visit-sweep.scheduler';
import { OverdueVisitSweep } from './application/overdue-visit-sweep.service';
import { VisitCadence } from './application/visit-cadence';
import { KeyPersonEntryRepository } from './infrastructure/key-person-entry.repository';
import { KeyPersonListsHttpController } from './interface/key-person-lists.http.controller';

/** Township key-person lists (重点人群清单): entries, visits, risk flags, the overdue-visit sweep. */
@Module({
  imports: [PeopleModule],
  controllers: [KeyPersonListsHttpController],
  providers: [
    KeyPersonEntryRepository,
    VisitCadence,
    EntryRegisterSync,
    KeyPersonListsService,
    OverdueVisitSweep,
    OverdueVisitSweepScheduler,
  ],
  exports: [KeyPersonListsService],
})
export class KeyPersonListsModule {}
