import { Module } from '@nestjs/common';
import { KeyPersonListsModule } from '../key-person-lists/key-person-lists.module';
import { CarePlacements } from './application/care-placements';
import { OpenPlacementHandler } from './application/open-placement.handler';
import { OverduePlacementSweepScheduler } from './application/overdue-placement-sweep.scheduler';
import { OverduePlacementSweep } from './application/overdue-placement-sweep.service';
import {
  EndPlacement,
  PlaceWithCarer,
  ReadPlacements,
  RecordCarerVisit,
  RecordFollowUp,
  RequestUnitCare,
} from './application/placement-actions';
import { UnitAnswersHandler } from './application/unit-answers.handler';
import { CarePlacementRepository } from './infrastructure/care-placement.repository';
import { CarePlacementEventsMessageController } from './interface/care-placement-events.message.controller';
import { CarePlacementsHttpController } from './interface/care-placements.http.controller';

/** Care placements of children left without care: opened by the no-guardian flag, placed in a unit or with a carer, ended, followed up; the overdue sweep. */
@Module({
  imports: [KeyPersonListsModule],
  controllers: [CarePlacementsHttpController, CarePlacementEventsMessageController],
  providers: [
    CarePlacementRepository,
    CarePlacements,
    OpenPlacementHandler,
    UnitAnswersHandler,
    ReadPlacements,
    RequestUnitCare,
    PlaceWithCarer,
    RecordCarerVisit,
    EndPlacement,
    RecordFollowUp,
    OverduePlacementSweep,
    OverduePlacementSweepScheduler,
  ],
})
export class CarePlacementsModule {}
