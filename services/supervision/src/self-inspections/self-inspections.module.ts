import { Module } from '@nestjs/common';
import { InspectionSettingsReader } from '../inspections/application/inspection-settings.reader';
import { InspectionUnitsModule } from '../inspections/inspection-units.module';
import { RectificationModule } from '../rectification/rectification.module';
import { MissedSelfInspectionSweepScheduler } from './application/missed-self-inspection-sweep.scheduler';
import { SelfInspectionsService } from './application/self-inspections.service';
import { SelfInspectionCampaignRepository } from './infrastructure/self-inspection-campaign.repository';
import { SelfInspectionsHttpController } from './interface/self-inspections.http.controller';

/** 举一反三: a confirmed finding sends self-inspections (自查自纠) to its unit's peers; reports back, and a sweep for the missed. */
@Module({
  imports: [RectificationModule, InspectionUnitsModule],
  controllers: [SelfInspectionsHttpController],
  providers: [SelfInspectionCampaignRepository, SelfInspectionsService, InspectionSettingsReader, MissedSelfInspectionSweepScheduler],
  exports: [SelfInspectionsService],
})
export class SelfInspectionsModule {}
