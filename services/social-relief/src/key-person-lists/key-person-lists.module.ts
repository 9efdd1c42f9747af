import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { AddEntry } from './application/add-entry';
import { ClearFlag } from './application/clear-flag';
import { CloseEntry } from './application/close-entry';
import { EntryRegisterSync } from './application/entry-register-sync';
import { ListEntries } from './application/list-entries';
import { OverdueVisitSweepScheduler } from './application/overdue-visit-sweep.scheduler';
import { OverdueVisitSweep } from './application/overdue-visit-sweep.service';
import { RaiseFlag } from './application/raise-flag';
import { ReadEntry } from './application/read-entry';
import { RecordVisit } from './application/record-visit';
import { TownshipEntries } from './application/township-entries';
import { UpdateEntry } from './application/update-entry';
import { VisitCadence } from './application/visit-cadence';
import { VisitFiguresOfTownship } from './application/visit-figures';
import { KeyPersonEntryRepository } from './infrastructure/key-person-entry.repository';
import { KeyPersonListsHttpController } from './interface/key-person-lists.http.controller';

/** Township key-person lists (重点人群清单): entries, visits, risk flags, the overdue-visit sweep. */
@Module({
  imports: [PeopleModule, VolunteersModule],
  controllers: [KeyPersonListsHttpController],
  providers: [
    KeyPersonEntryRepository,
    VisitCadence,
    EntryRegisterSync,
    TownshipEntries,
    AddEntry,
    ListEntries,
    ReadEntry,
    UpdateEntry,
    CloseEntry,
    RecordVisit,
    RaiseFlag,
    ClearFlag,
    OverdueVisitSweep,
    OverdueVisitSweepScheduler,
    VisitFiguresOfTownship,
  ],
  /** For the hotlines: a call routed to a visit reads the entry through the list's own use case. */
  /** For the care placements: the follow-up visit after a placement is recorded through the list's own use case. */
  exports: [ReadEntry, RecordVisit],
})
export class KeyPersonListsModule {}
