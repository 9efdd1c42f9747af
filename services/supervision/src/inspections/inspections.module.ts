import { Module } from '@nestjs/common';
import { RectificationModule } from '../rectification/rectification.module';
import { SelfInspectionsModule } from '../self-inspections/self-inspections.module';
import { ChecklistTemplatesService } from './application/checklist-templates.service';
import { CopyUnitsFromRegistryHandler } from './application/copy-units-from-registry.handler';
import { CreateInspectionPlan } from './application/create-inspection-plan';
import { FindingIssuesSweepScheduler } from './application/finding-issues-sweep.scheduler';
import { FindingIssuesService } from './application/finding-issues.service';
import { InspectionCoverageService } from './application/inspection-coverage.service';
import { InspectionPlanViews } from './application/inspection-plan-views';
import { InspectionSettingsReader } from './application/inspection-settings.reader';
import { InspectionTargetsService } from './application/inspection-targets.service';
import { InspectionTeamsService } from './application/inspection-teams.service';
import { InspectionsService } from './application/inspections.service';
import { ListInspectionPlans } from './application/list-inspection-plans';
import { ReadInspectionPlan } from './application/read-inspection-plan';
import { ScheduleInspectionWhenDataTriggersHandler } from './application/schedule-inspection-when-data-triggers.handler';
import { ChecklistTemplateRepository } from './infrastructure/checklist-template.repository';
import { InspectionRepository } from './infrastructure/inspection.repository';
import { InspectionPlanRepository } from './infrastructure/inspection-plan.repository';
import { InspectionTeamRepository } from './infrastructure/inspection-team.repository';
import { TriggerSubjectRepository } from './infrastructure/trigger-subject.repository';
import { InspectionUnitsModule } from './inspection-units.module';
import { DataTriggerEventsMessageController } from './interface/data-trigger-events.message.controller';
import { InspectionPlansHttpController } from './interface/inspection-plans.http.controller';
import { InspectionTargetsHttpController } from './interface/inspection-targets.http.controller';
import { InspectionTeamsHttpController } from './interface/inspection-teams.http.controller';
import { InspectionsHttpController } from './interface/inspections.http.controller';
import { RegistryEventsMessageController } from './interface/registry-events.message.controller';

/**
 * Inspections (督查): teams, checklists, rounds by mode, the visit from start to completion,
 * data-triggered inspections, and coverage. Findings become rectification issues.
 */
@Module({
  imports: [RectificationModule, InspectionUnitsModule, SelfInspectionsModule],
  controllers: [
    InspectionTeamsHttpController,
    InspectionPlansHttpController,
    InspectionsHttpController,
    InspectionTargetsHttpController,
    RegistryEventsMessageController,
    DataTriggerEventsMessageController,
  ],
  providers: [
    InspectionRepository,
    InspectionPlanRepository,
    InspectionTeamRepository,
    ChecklistTemplateRepository,
    TriggerSubjectRepository,
    InspectionSettingsReader,
    InspectionTeamsService,
    InspectionTargetsService,
    ChecklistTemplatesService,
    InspectionPlanViews,
    CreateInspectionPlan,
    ListInspectionPlans,
    ReadInspectionPlan,
    InspectionsService,
    FindingIssuesService,
    FindingIssuesSweepScheduler,
    InspectionCoverageService,
    ScheduleInspectionWhenDataTriggersHandler,
    CopyUnitsFromRegistryHandler,
  ],
  exports: [InspectionCoverageService, InspectionsService],
})
export class InspectionsModule {}
