import { Controller, Get } from '@nestjs/common';
import {
  ACCOUNTABILITY_OUTCOME_LABELS,
  ACCOUNTABILITY_STATUS_LABELS,
  ACCOUNTABILITY_SUBJECT_KIND_LABELS,
  ACCOUNTABILITY_TRIGGER_LABELS,
} from '../../accountability/domain/accountability-labels';
import {
  CASE_ACTION_LABELS,
  CASE_LEVEL_LABELS,
  CASE_RESOLUTION_LABELS,
  CASE_STATUS_LABELS,
  CASE_TYPE_LABELS,
} from '../../cases/domain/supervision-case';
import { DIRECTIVE_STEP_LABELS, DIRECTIVE_STEP_STATE_LABELS } from '../../directives/domain/directive-labels';
import {
  CHECKLIST_OUTCOME_LABELS,
  COMBINED_CHECKLIST_LABELS,
  FINDING_SCOPE_LABELS,
  HARM_LEVEL_LABELS,
  INSPECTION_MODE_LABELS,
  INSPECTION_STATUS_LABELS,
  INSPECTION_TARGET_TYPE_LABELS,
  INSPECTION_TRIGGER_RULE_LABELS,
  LEADER_RANK_LABELS,
  SEVERITY_GRID_LETTER_LABELS,
} from '../../inspections/domain/inspection-labels';
import {
  ISSUE_ACTION_LABELS,
  ISSUE_ORIGIN_LABELS,
  ISSUE_STATUS_LABELS,
  REVISIT_RESULT_LABELS,
} from '../../rectification/domain/rectification-issue';
import { SETTINGS } from '../../regional-settings/domain/settings';

/** zh-CN labels of every value a person reads in this service's responses. */
@Controller('labels')
export class LabelsHttpController {
  @Get()
  labels() {
    return {
      locale: 'zh-CN',
      caseType: CASE_TYPE_LABELS,
      caseLevel: CASE_LEVEL_LABELS,
      caseStatus: CASE_STATUS_LABELS,
      caseAction: CASE_ACTION_LABELS,
      caseResolution: CASE_RESOLUTION_LABELS,
      inspectionMode: INSPECTION_MODE_LABELS,
      inspectionStatus: INSPECTION_STATUS_LABELS,
      checklistOutcome: CHECKLIST_OUTCOME_LABELS,
      inspectionTargetType: INSPECTION_TARGET_TYPE_LABELS,
      combinedChecklist: COMBINED_CHECKLIST_LABELS,
      leaderRank: LEADER_RANK_LABELS,
      findingScope: FINDING_SCOPE_LABELS,
      harmLevel: HARM_LEVEL_LABELS,
      severityGridLetter: SEVERITY_GRID_LETTER_LABELS,
      inspectionTriggerRule: INSPECTION_TRIGGER_RULE_LABELS,
      issueStatus: ISSUE_STATUS_LABELS,
      issueAction: ISSUE_ACTION_LABELS,
      issueOrigin: ISSUE_ORIGIN_LABELS,
      revisitResult: REVISIT_RESULT_LABELS,
      accountabilityTrigger: ACCOUNTABILITY_TRIGGER_LABELS,
      accountabilityOutcome: ACCOUNTABILITY_OUTCOME_LABELS,
      accountabilityStatus: ACCOUNTABILITY_STATUS_LABELS,
      accountabilitySubjectKind: ACCOUNTABILITY_SUBJECT_KIND_LABELS,
      directiveStep: DIRECTIVE_STEP_LABELS,
      directiveStepState: DIRECTIVE_STEP_STATE_LABELS,
      regionalSetting: Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, v.label])),
    };
  }
}
