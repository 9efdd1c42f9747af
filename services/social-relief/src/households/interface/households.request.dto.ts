import { IsDivisionCode, IsIdNumber } from '@civil/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import {
  EXPENSE_KINDS,
  ExpenseKind,
  HOUSEHOLD_STATUSES,
  HouseholdStatus,
  INCOME_KINDS,
  IncomeKind,
  MEMBER_FLAGS,
  MemberFlag,
  RELATIONS,
  Relation,
} from '../domain/household-vocabulary';
import { RECHECK_CLASSES, RECHECK_OUTCOMES, RecheckClass, RecheckOutcome } from '../domain/recheck';

/** Monthly amounts are integer fen, 0 … 10,000,000 (100,000 元). */
const MAX_FEN = 10_000_000;
const FEN_MESSAGE = (field: string) => `${field} must be a whole number of fen (分) from 0 to ${MAX_FEN}`;

export class MemberRequest {
  @IsString()
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  /** 居民身份证号码; stored encrypted, shown masked. */
  @IsIdNumber()
  idNumber: string;

  @IsOptional()
  @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: 'phone must be a mainland mobile (11 digits) or landline number' })
  phone?: string;

  @IsIn(RELATIONS as unknown as string[], { message: `relation must be one of: ${RELATIONS.join(', ')}` })
  relation: Relation;

  /** 重病 / 重度残疾 / 失能无人照料老人. */
  @IsOptional()
  @IsArray({ message: 'flags must be a list' })
  @IsIn(MEMBER_FLAGS as unknown as string[], { each: true, message: `each flag must be one of: ${MEMBER_FLAGS.join(', ')}` })
  flags?: MemberFlag[];

  /** Has the capacity to work (有劳动能力). */
  @IsBoolean({ message: 'canWork must be true or false' })
  canWork: boolean;
}

export class ChangeMemberRequest {
  @IsOptional()
  @IsIn(RELATIONS as unknown as string[], { message: `relation must be one of: ${RELATIONS.join(', ')}` })
  relation?: Relation;

  @IsOptional()
  @IsArray({ message: 'flags must be a list' })
  @IsIn(MEMBER_FLAGS as unknown as string[], { each: true, message: `each flag must be one of: ${MEMBER_FLAGS.join(', ')}` })
  flags?: MemberFlag[];

  @IsOptional()
  @IsBoolean({ message: 'canWork must be true or false' })
  canWork?: boolean;
}

class IncomeFields {
  @IsIn(INCOME_KINDS as unknown as string[], { message: `kind must be one of: ${INCOME_KINDS.join(', ')}` })
  kind: IncomeKind;

  @IsInt({ message: FEN_MESSAGE('monthlyFen') })
  @Min(0, { message: FEN_MESSAGE('monthlyFen') })
  @Max(MAX_FEN, { message: FEN_MESSAGE('monthlyFen') })
  monthlyFen: number;

  /** Whether the amount could be verified; unverifiable income counts as the local minimum wage. */
  @IsBoolean({ message: 'verifiable must be true or false' })
  verifiable: boolean;

  /** Employment costs (就业成本) of this wage income, deducted from the earner's counted income; wages only, at most monthlyFen. */
  @IsOptional()
  @IsInt({ message: FEN_MESSAGE('employmentCostFen') })
  @Min(0, { message: FEN_MESSAGE('employmentCostFen') })
  @Max(MAX_FEN, { message: FEN_MESSAGE('employmentCostFen') })
  employmentCostFen?: number;
}

class ExpenseFields {
  @IsIn(EXPENSE_KINDS as unknown as string[], { message: `kind must be one of: ${EXPENSE_KINDS.join(', ')}` })
  kind: ExpenseKind;

  @IsInt({ message: FEN_MESSAGE('monthlyFen') })
  @Min(0, { message: FEN_MESSAGE('monthlyFen') })
  @Max(MAX_FEN, { message: FEN_MESSAGE('monthlyFen') })
  monthlyFen: number;
}

/** An income at registration: `memberIndex` (0-based into `members`) names the earner; absent, the household as a whole. */
export class NewIncomeRequest extends IncomeFields {
  @IsOptional()
  @IsInt({ message: 'memberIndex must be a member’s position in members (0-based)' })
  @Min(0, { message: 'memberIndex must be a member’s position in members (0-based)' })
  memberIndex?: number;
}

export class NewExpenseRequest extends ExpenseFields {
  @IsOptional()
  @IsInt({ message: 'memberIndex must be a member’s position in members (0-based)' })
  @Min(0, { message: 'memberIndex must be a member’s position in members (0-based)' })
  memberIndex?: number;
}

export class IncomeRequest extends IncomeFields {
  /** The earner (a member’s person id); absent, the household as a whole. */
  @IsOptional()
  @IsString({ message: 'personId must be a member’s person id' })
  personId?: string;
}

export class ExpenseRequest extends ExpenseFields {
  @IsOptional()
  @IsString({ message: 'personId must be a member’s person id' })
  personId?: string;
}

export class CreateHouseholdRequest {
  @IsDivisionCode({ levels: ['township', 'village'], shapeMessage: 'divisionCode must be a township (9) or village (12-digit) code' })
  divisionCode: string;

  @IsArray({ message: 'members must be a list' })
  @ArrayMinSize(1, { message: 'members must list at least one person' })
  @ArrayMaxSize(30, { message: 'members may list at most 30 people' })
  @ValidateNested({ each: true })
  @Type(() => MemberRequest)
  members: MemberRequest[];

  @IsOptional()
  @IsArray({ message: 'incomes must be a list' })
  @ArrayMaxSize(100, { message: 'incomes may list at most 100 items' })
  @ValidateNested({ each: true })
  @Type(() => NewIncomeRequest)
  incomes?: NewIncomeRequest[];

  @IsOptional()
  @IsArray({ message: 'expenses must be a list' })
  @ArrayMaxSize(100, { message: 'expenses may list at most 100 items' })
  @ValidateNested({ each: true })
  @Type(() => NewExpenseRequest)
  expenses?: NewExpenseRequest[];
}

/** Replaces the household's incomes and/or rigid expenses (each list as a whole). */
export class UpdateHouseholdRequest {
  @IsOptional()
  @IsArray({ message: 'incomes must be a list' })
  @ArrayMaxSize(100, { message: 'incomes may list at most 100 items' })
  @ValidateNested({ each: true })
  @Type(() => IncomeRequest)
  incomes?: IncomeRequest[];

  @IsOptional()
  @IsArray({ message: 'expenses must be a list' })
  @ArrayMaxSize(100, { message: 'expenses may list at most 100 items' })
  @ValidateNested({ each: true })
  @Type(() => ExpenseRequest)
  expenses?: ExpenseRequest[];
}

export class ListHouseholdsQuery {
  @IsOptional()
  @IsIn(HOUSEHOLD_STATUSES as unknown as string[], { message: `status must be one of: ${HOUSEHOLD_STATUSES.join(', ')}` })
  status?: HouseholdStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be 1–500' })
  @Min(1, { message: 'limit must be 1–500' })
  @Max(500, { message: 'limit must be 1–500' })
  limit?: number;
}

/** A periodic re-check (定期核查) the township made. */
export class RecordRecheckRequest {
  @IsIn([...RECHECK_OUTCOMES], { message: `outcome must be one of ${RECHECK_OUTCOMES.join(', ')}` })
  outcome: RecheckOutcome;

  /** The class (A yearly, B half-yearly, C quarterly by default) from now on; absent: unchanged. */
  @IsOptional()
  @IsIn([...RECHECK_CLASSES], { message: `recheckClass must be one of ${RECHECK_CLASSES.join(', ')}` })
  recheckClass?: RecheckClass;

  /** What the township found (no names or ID numbers). */
  @IsString()
  @Length(1, 500, { message: 'findings must be 1–500 characters' })
  findings: string;

  /** The day of the re-check (YYYY-MM-DD, Beijing); absent: today. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'checkedOn must be a day, YYYY-MM-DD' })
  checkedOn?: string;
}
