import { APPLICATION_KINDS, APPLICATION_STATUSES, ApplicationKind, ApplicationStatus } from '@civil/contracts';
import { IsDivisionCode, IsInstant } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  EXPEDITED_REASONS,
  ExpeditedReason,
  FOLLOW_UP_RESOLUTIONS,
  FollowUpResolution,
  INELIGIBLE_REASONS,
  SUPPORT_MODES,
  SupportMode,
  IneligibleReason,
  WITHDRAWAL_REASONS,
  WithdrawalReason,
} from '../domain/application-labels';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
/** 10,000,000 yuan: far above any relief, low enough to catch a unit mistake. */
const MAX_FEN = 1_000_000_000;

/** The applicant, registered (or found) by ID number; shown masked from then on. */
export class ApplicantRequest {
  @IsString({ message: 'name must be text' })
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  /** Resident ID number (居民身份证号), 18 characters (or the old 15-digit form). */
  @IsString({ message: 'idNumber must be a string' })
  idNumber: string;

  @IsOptional()
  @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: 'phone must be a mainland mobile (11 digits) or landline number' })
  phone?: string;
}

export class SubmitApplicationRequest {
  @IsIn(APPLICATION_KINDS as unknown as string[], { message: `kind must be one of: ${APPLICATION_KINDS.join(', ')}` })
  kind: ApplicationKind;

  /** Where the applicant lives: a township (9 digits) or village (12). */
  @IsDivisionCode({ levels: ['township', 'village'], shapeMessage: 'divisionCode must be a township (9) or village (12-digit) code' })
  divisionCode: string;

  /** Required for dibao, near-dibao and expenditure-poverty. */
  @IsOptional()
  @Matches(ID, { message: 'householdId must be 1–128 letters, digits, or . _ : -' })
  householdId?: string;

  /** A registered person (GET /people/…); or give `applicant` instead. */
  @IsOptional()
  @Matches(ID, { message: 'applicantId must be 1–128 letters, digits, or . _ : -' })
  applicantId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicantRequest)
  applicant?: ApplicantRequest;

  /** 一事一议: a major hardship to be decided case by case (at county level, with a rationale). */
  @IsOptional()
  @IsBoolean({ message: 'caseByCase must be true or false' })
  caseByCase?: boolean;

  /** Handled at one day per step (e.g. a confirmed patient's household entering 低保 promptly). */
  @IsOptional()
  @IsIn(EXPEDITED_REASONS as unknown as string[], { message: `expeditedReason must be one of: ${EXPEDITED_REASONS.join(', ')}` })
  expeditedReason?: ExpeditedReason;

  @IsOptional()
  @IsInt({ message: 'requestedAmountFen must be a whole number of fen' })
  @Min(1, { message: 'requestedAmountFen must be positive' })
  @Max(MAX_FEN, { message: `requestedAmountFen must be at most ${MAX_FEN}` })
  requestedAmountFen?: number;

  /** 先行救助: the amount paid now, before the review. */
  @IsOptional()
  @IsInt({ message: 'priorReliefFen must be a whole number of fen' })
  @Min(1, { message: 'priorReliefFen must be positive' })
  @Max(MAX_FEN, { message: `priorReliefFen must be at most ${MAX_FEN}` })
  priorReliefFen?: number;

  /**
   * When the township received a paper application that is entered only now (补录); the step
   * limits count from it. At most 30 days back, never in the future. Omit: received now.
   */
  @IsOptional()
  @IsInstant({ notInFuture: true, shapeMessage: 'receivedAt must be an ISO 8601 date-time' })
  @Matches(/T/, { message: 'receivedAt must include a time' })
  receivedAt?: string;
}

export class ReviewApplicationRequest {
  @IsIn(['eligible', 'ineligible'], { message: 'outcome must be eligible or ineligible' })
  outcome: 'eligible' | 'ineligible';

  /** 入户调查 done (a simplified review may do without). */
  @IsDefined({ message: 'homeVisit must be stated (true or false)' })
  @IsBoolean({ message: 'homeVisit must be true or false' })
  homeVisit: boolean;

  /** 家庭经济状况核对 done (a simplified review may take the applicant's declaration instead). */
  @IsDefined({ message: 'incomeVerified must be stated (true or false)' })
  @IsBoolean({ message: 'incomeVerified must be true or false' })
  incomeVerified: boolean;

  /** Required when ineligible. */
  @IsOptional()
  @IsIn(INELIGIBLE_REASONS as unknown as string[], { message: `reason must be one of: ${INELIGIBLE_REASONS.join(', ')}` })
  reason?: IneligibleReason;
}

export class DecideApplicationRequest {
  @IsIn(['approved', 'rejected'], { message: 'decision must be approved or rejected' })
  decision: 'approved' | 'rejected';

  /** Monthly (or, for 临时救助, one-off) amount in fen; required when approved. */
  @IsOptional()
  @IsInt({ message: 'amountFen must be a whole number of fen' })
  @Min(1, { message: 'amountFen must be positive' })
  @Max(MAX_FEN, { message: `amountFen must be at most ${MAX_FEN}` })
  amountFen?: number;

  /** 一事一议: above the normal amount for a major hardship; needs `rationale`, decided at county level. */
  @IsOptional()
  @IsBoolean({ message: 'caseByCase must be true or false' })
  caseByCase?: boolean;

  @IsOptional()
  @IsString({ message: 'rationale must be text' })
  @Length(1, 2000, { message: 'rationale must be 1–2000 characters' })
  rationale?: string;

  /** Required when rejected (defaults to the review's reason). */
  @IsOptional()
  @IsIn(INELIGIBLE_REASONS as unknown as string[], { message: `reason must be one of: ${INELIGIBLE_REASONS.join(', ')}` })
  reason?: IneligibleReason;

  /** 特困供养 only, required to approve: 集中供养 (concentrated, in an institution) or 分散供养 (dispersed, at home). */
  @IsOptional()
  @IsIn(SUPPORT_MODES as unknown as string[], { message: `supportMode must be one of: ${SUPPORT_MODES.join(', ')}` })
  supportMode?: SupportMode;

  /** 集中供养 only: the 敬老院 / 特困供养机构 (unit id) the person lives in. */
  @IsOptional()
  @Matches(ID, { message: 'institutionId must be 1–128 letters, digits, or . _ : -' })
  institutionId?: string;
}

export class WithdrawApplicationRequest {
  @IsIn(WITHDRAWAL_REASONS as unknown as string[], { message: `reason must be one of: ${WITHDRAWAL_REASONS.join(', ')}` })
  reason: WithdrawalReason;
}

export class ResolveFollowUpRequest {
  @IsIn(FOLLOW_UP_RESOLUTIONS as unknown as string[], { message: `resolution must be one of: ${FOLLOW_UP_RESOLUTIONS.join(', ')}` })
  resolution: FollowUpResolution;

  @IsOptional()
  @IsString({ message: 'note must be text' })
  @Length(1, 500, { message: 'note must be 1–500 characters' })
  note?: string;
}

export class ListApplicationsQuery {
  @IsOptional()
  @IsIn(APPLICATION_STATUSES as unknown as string[], { message: `status must be one of: ${APPLICATION_STATUSES.join(', ')}` })
  status?: ApplicationStatus;

  @IsOptional()
  @IsIn(APPLICATION_KINDS as unknown as string[], { message: `kind must be one of: ${APPLICATION_KINDS.join(', ')}` })
  kind?: ApplicationKind;

  /** true: only those past their current step's limit; false: only those not. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @IsOptional()
  @IsDivisionCode({ shapeMessage: 'divisionCode must be a division code' })
  divisionCode?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}
