import { HasNoIdentifiers, IsCalendarDate, IsDivisionCode } from '@civil/platform';
import { INSPECTION_MODES, InspectionMode, SUPERVISED_TARGET_KINDS, SupervisedTargetKind } from '@civil/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMBINED_CHECKLISTS, CombinedChecklist, MAX_CHECKLIST_ITEMS } from '../domain/checklist-template';
import { CHECKLIST_OUTCOMES, ChecklistOutcome } from '../domain/inspection';
import { LEADER_RANKS, LeaderRank } from '../domain/inspection-team';
import { FINDING_SCOPES, FindingScope, HARM_LEVELS, HarmLevel } from '../domain/severity-grid';

const DIVISION = { shapeMessage: 'divisionCode must be a division code (2, 4, 6, 9 or 12 digits)' };
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** A calendar day (YYYY-MM-DD) that exists: 2026-02-30 is refused, naming the field. */
const calendarDate = (field: string) => IsCalendarDate({ shapeMessage: `${field} must be a calendar date (YYYY-MM-DD)` });

export class TeamLeaderRequest {
  /** The leader's post, e.g. 省民政厅副厅长 (no name). */
  @IsString() @Length(1, 100, { message: 'leader.title must be 1–100 characters' }) @HasNoIdentifiers() title: string;
  @IsIn(LEADER_RANKS as unknown as string[], { message: `leader.rank must be one of: ${LEADER_RANKS.join(', ')} (厅级/处级/科级)` })
  rank: LeaderRank;
}

export class CreateTeamRequest {
  @IsString() @Length(1, 100, { message: 'name must be 1–100 characters' }) @HasNoIdentifiers() name: string;
  @IsDivisionCode(DIVISION) divisionCode: string;
  @ValidateNested() @Type(() => TeamLeaderRequest) leader: TeamLeaderRequest;
  /** Members' posts, e.g. 县民政局养老服务科科长; no names, phones or ID numbers. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true, message: 'memberTitles must hold 1–100 character titles' })
  @HasNoIdentifiers({ each: true })
  memberTitles?: string[];
  @IsOptional() @IsInt() @Min(1) @Max(200) memberCount?: number;
}

export class ChecklistItemRequest {
  @Matches(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'code must be lower-case letters, digits and dashes (1–48)' }) code: string;
  @IsString() @Length(1, 300, { message: 'text must be 1–300 characters' }) text: string;
}

export class ReviseChecklistRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKLIST_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemRequest)
  items: ChecklistItemRequest[];
  /** The region the checklist is for (and everything under it); omit for every region. */
  @IsOptional() @IsDivisionCode(DIVISION) divisionCode?: string;
}

export class PlannedUnitRequest {
  @Matches(ID, { message: 'unitId must be a unit id' }) unitId: string;
  @calendarDate('scheduledDate') scheduledDate: string;
}

export class CreatePlanRequest {
  /** The caller's id for the round (optional): a retried request with it returns the round, never a second one. */
  @IsOptional() @Matches(ID, { message: 'planId must be 1–128 letters, digits and _.:-' }) planId?: string;
  @IsString() @Length(1, 200, { message: 'title must be 1–200 characters' }) @HasNoIdentifiers() title: string;
  @IsOptional() @IsInt() @Min(1) @Max(999) round?: number;
  @IsIn(INSPECTION_MODES as unknown as string[], { message: `mode must be one of: ${INSPECTION_MODES.join(', ')}` }) mode: InspectionMode;
  @IsOptional() @Matches(ID, { message: 'teamId must be an inspection team id' }) teamId?: string;
  /** A combined checklist every inspection of the round uses instead of its target type's own (消防安全与疫情防控结合). */
  @IsOptional()
  @IsIn(COMBINED_CHECKLISTS as unknown as string[], { message: `checklist must be one of: ${COMBINED_CHECKLISTS.join(', ')}` })
  checklist?: CombinedChecklist;
  @calendarDate('periodStart') periodStart: string;
  @calendarDate('periodEnd') periodEnd: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PlannedUnitRequest)
  units: PlannedUnitRequest[];
}

export class StartInspectionRequest {
  /** The team that arrived, when the inspection had none (e.g. a data-triggered one). */
  @IsOptional() @Matches(ID, { message: 'teamId must be an inspection team id' }) teamId?: string;
}

export class ChecklistResultRequest {
  @Matches(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'code must be a checklist item code' }) code: string;
  @IsIn(CHECKLIST_OUTCOMES as unknown as string[], { message: `outcome must be one of: ${CHECKLIST_OUTCOMES.join(', ')}` })
  outcome: ChecklistOutcome;
  @IsOptional() @IsString() @Length(1, 500, { message: 'note must be 1–500 characters' }) @HasNoIdentifiers() note?: string;
}

export class RecordResultsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKLIST_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ChecklistResultRequest)
  results: ChecklistResultRequest[];
}

export class RecordFindingRequest {
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'checklistCode must be a checklist item code' }) checklistCode?: string;
  /** What is wrong, without names of residents or staff. */
  @IsString() @Length(1, 500, { message: 'summary must be 1–500 characters' }) @HasNoIdentifiers() summary: string;
  @IsIn(FINDING_SCOPES as unknown as string[], { message: `scope must be one of: ${FINDING_SCOPES.join(', ')}` }) scope: FindingScope;
  @IsIn(HARM_LEVELS as unknown as number[], { message: 'harmLevel must be 1, 2, 3 or 4' }) harmLevel: HarmLevel;
  /** Title of the bureau head the notice goes to, when not the inspection's default. */
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'responsibleHead must be 1–100 characters' })
  @HasNoIdentifiers()
  responsibleHead?: string;
}

export class CompleteInspectionRequest {
  /** Title of the bureau head rectification notices go to, e.g. 德清县民政局局长. */
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'responsibleHead must be 1–100 characters' })
  @HasNoIdentifiers()
  responsibleHead?: string;
}

export class RegisterTargetRequest {
  @IsIn(SUPERVISED_TARGET_KINDS as unknown as string[], { message: `kind must be one of: ${SUPERVISED_TARGET_KINDS.join(', ')}` })
  kind: SupervisedTargetKind;
  @IsDivisionCode(DIVISION) divisionCode: string;
  /** A funeral home's id in funeral operations; a sales point's own id (derived from division and address label when absent). */
  @IsOptional() @Matches(ID, { message: 'targetId must be 1–128 letters, digits and _.:-' }) targetId?: string;
  @IsOptional() @IsString() @Length(1, 100, { message: 'addressLabel must be 1–100 characters' }) @HasNoIdentifiers() addressLabel?: string;
}
