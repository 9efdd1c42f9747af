import { OPERATORS, Operator, UNIT_TYPES, UnitType } from '@civil/contracts';
import { IsDivisionCode } from '@civil/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
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

export class ContactRequest {
  @IsString()
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: 'phone must be a mainland mobile (11 digits) or landline number' })
  phone: string;

  @IsOptional()
  @IsString()
  @Length(1, 50)
  position?: string;
}

/** 1 bureau leader + 2 cadres + 1 township member + 1 on-site person + 1 medical contact. */
export class LiaisonTeamRequest {
  @IsDefined({ message: 'bureauLeader must be given' }) @ValidateNested() @Type(() => ContactRequest) bureauLeader: ContactRequest;

  @IsArray({ message: 'cadres must be a list of 2' })
  @ArrayMinSize(2, { message: 'the liaison team has exactly 2 cadres' })
  @ArrayMaxSize(2, { message: 'the liaison team has exactly 2 cadres' })
  @ValidateNested({ each: true })
  @Type(() => ContactRequest)
  cadres: [ContactRequest, ContactRequest];

  @IsDefined({ message: 'townshipMember must be given' }) @ValidateNested() @Type(() => ContactRequest) townshipMember: ContactRequest;
  @IsDefined({ message: 'onSitePerson must be given' }) @ValidateNested() @Type(() => ContactRequest) onSitePerson: ContactRequest;
  @IsDefined({ message: 'medicalContact must be given' }) @ValidateNested() @Type(() => ContactRequest) medicalContact: ContactRequest;
}

/** Fields that are optional both at registration and in an edit. */
class InstitutionDetailsRequest {
  @IsOptional() @IsInt() @Min(0) @Max(10_000) isolationRooms?: number;

  /** The paired medical institution (一对一结对医疗机构). */
  @IsOptional() @IsString() @Length(1, 200) pairedMedicalInstitution?: string;

  /** On-site coordinator (驻点人员). */
  @IsOptional() @ValidateNested() @Type(() => ContactRequest) onSiteCoordinator?: ContactRequest;

  /** Accountable leader (包保责任人). */
  @IsOptional() @ValidateNested() @Type(() => ContactRequest) accountableLeader?: ContactRequest;

  @IsOptional() @ValidateNested() @Type(() => LiaisonTeamRequest) liaisonTeam?: LiaisonTeamRequest;
}

const UNIT_TYPE_MESSAGE = `unitType must be one of: ${UNIT_TYPES.join(', ')}`;
const OPERATOR_MESSAGE = `operator must be one of: ${OPERATORS.join(', ')}`;
const DIVISION = {
  levels: ['county', 'township', 'village'],
  shapeMessage: 'divisionCode must be a 6, 9 or 12-digit division code',
} as const;

/** An edit: any subset of the registry fields. */
export class UpdateInstitutionRequest extends InstitutionDetailsRequest {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsOptional() @IsIn(UNIT_TYPES as unknown as string[], { message: UNIT_TYPE_MESSAGE }) unitType?: UnitType;
  @IsOptional() @IsIn(OPERATORS as unknown as string[], { message: OPERATOR_MESSAGE }) operator?: Operator;
  @IsOptional() @IsDivisionCode(DIVISION) divisionCode?: string;
  @IsOptional() @IsInt() @Min(0) @Max(100_000) beds?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100_000) bedsInUse?: number;
}

export class RegisterInstitutionRequest extends InstitutionDetailsRequest {
  /** Stable id chosen by the registering office (e.g. its unified social credit code). */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, { message: 'unitId must be 2–64 letters, digits, - or _' })
  unitId: string;

  @IsString() @Length(1, 200) name: string;
  @IsIn(UNIT_TYPES as unknown as string[], { message: UNIT_TYPE_MESSAGE }) unitType: UnitType;
  @IsIn(OPERATORS as unknown as string[], { message: OPERATOR_MESSAGE }) operator: Operator;
  @IsDivisionCode(DIVISION) divisionCode: string;
  @IsInt() @Min(0) @Max(100_000) beds: number;
  @IsInt() @Min(0) @Max(100_000) bedsInUse: number;
}
