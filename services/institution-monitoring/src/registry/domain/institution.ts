import { DomainError, divisionAncestors, isDivisionCode } from '@civil/kernel';
import type { Operator, UnitType } from '@civil/contracts';

/** A named person the registry holds for a unit (work contact). Never published in events. */
export interface Contact {
  name: string;
  phone: string;
  /** Post or rank, e.g. 局领导, 乡镇干部. */
  position?: string;
}

/**
 * The liaison team every unit has (包保联系: 1 bureau leader + 2 cadres + 1 township member +
 * 1 on-site person + 1 medical contact).
 */
export interface LiaisonTeam {
  bureauLeader: Contact;
  cadres: [Contact, Contact];
  townshipMember: Contact;
  onSitePerson: Contact;
  medicalContact: Contact;
}

/** Open → Closed (封闭管理, by an order) → Reopened (which behaves as open). */
export type InstitutionStatus = 'open' | 'closed' | 'reopened';

export const INSTITUTION_STATUS_LABELS: Record<InstitutionStatus, string> = {
  open: '正常运行',
  closed: '封闭管理中',
  reopened: '已解除封闭',
};

export interface Closure {
  orderId: string;
  reason: string;
  /** The region-wide order that closed it, if that is what did. */
  regionOrderId: string | null;
  closedAt: Date;
  closedBy: string;
  reopenedAt?: Date;
  reopenedBy?: string;
  reopenOrderId?: string;
}

/** A supervised unit (养老机构, 救助管理站 …) as the registry keeps it. */
export interface Institution {
  unitId: string;
  name: string;
  unitType: UnitType;
  operator: Operator;
  divisionCode: string;
  /** Every enclosing division code, for jurisdiction-scoped queries. */
  divisionAncestors: string[];
  beds: number;
  bedsInUse: number;
  isolationRooms: number;
  /** The paired medical institution (一对一结对), an organisation. */
  pairedMedicalInstitution: string | null;
  /** On-site coordinator (驻点人员). */
  onSiteCoordinator: Contact | null;
  /** Accountable leader (包保责任人). */
  accountableLeader: Contact | null;
  liaisonTeam: LiaisonTeam | null;
  status: InstitutionStatus;
  /** The closure in force, or the last one (with its reopening). */
  closure: Closure | null;
  registeredAt: Date;
  active: boolean;
}

/** Fields a registration or an update may set. */
export interface InstitutionFields {
  name: string;
  unitType: UnitType;
  operator: Operator;
  divisionCode: string;
  beds: number;
  bedsInUse: number;
  isolationRooms: number;
  pairedMedicalInstitution: string | null;
  onSiteCoordinator: Contact | null;
  accountableLeader: Contact | null;
  liaisonTeam: LiaisonTeam | null;
}

export const EDITABLE_FIELDS: readonly (keyof InstitutionFields)[] = [
  'name',
  'unitType',
  'operator',
  'divisionCode',
  'beds',
  'bedsInUse',
  'isolationRooms',
  'pairedMedicalInstitution',
  'onSiteCoordinator',
  'accountableLeader',
  'liaisonTeam',
];

export type RegisterInstitution = { unitId: string } & Pick<
  InstitutionFields,
  'name' | 'unitType' | 'operator' | 'divisionCode' | 'beds' | 'bedsInUse'
> &
  Partial<InstitutionFields>;

function checkFields(f: InstitutionFields): void {
  if (!isDivisionCode(f.divisionCode)) {
    throw DomainError.invalid('InvalidDivisionCode', `divisionCode ${f.divisionCode} is not a 2/4/6/9/12-digit division code`, {
      field: 'divisionCode',
    });
  }
  if (f.divisionCode.length < 6) {
    throw DomainError.invalid('DivisionTooCoarse', 'a unit sits in a county, township or village: divisionCode needs at least 6 digits', {
      field: 'divisionCode',
    });
  }
  if (f.bedsInUse > f.beds) {
    throw DomainError.invalid('BedsInUseExceedBeds', `bedsInUse (${f.bedsInUse}) cannot exceed beds (${f.beds})`, { field: 'bedsInUse' });
  }
}

export function registerInstitution(input: RegisterInstitution, now: Date): Institution {
  const fields: InstitutionFields = {
    isolationRooms: 0,
    pairedMedicalInstitution: null,
    onSiteCoordinator: null,
    accountableLeader: null,
    liaisonTeam: null,
    ...stripUndefined(input),
  } as InstitutionFields;
  checkFields(fields);
  const { unitId } = input;
  return {
    unitId,
    ...pickFields(fields),
    divisionAncestors: divisionAncestors(fields.divisionCode),
    status: 'open',
    closure: null,
    registeredAt: now,
    active: true,
  };
}

export interface InstitutionChange {
  after: Institution;
  changedFields: (keyof InstitutionFields)[];
  before: Partial<InstitutionFields>;
  changes: Partial<InstitutionFields>;
}

/** Applies an edit; only fields whose value differs count as changed. */
export function updateInstitution(current: Institution, patch: Partial<InstitutionFields>): InstitutionChange {
  const next: InstitutionFields = { ...pickFields(current), ...stripUndefined(patch) };
  checkFields(next);
  const changedFields = EDITABLE_FIELDS.filter((f) => JSON.stringify(current[f] ?? null) !== JSON.stringify(next[f] ?? null));
  if (changedFields.length === 0) throw DomainError.invalid('NothingChanged', 'the update changes no field', { field: 'body' });
  const before: Partial<InstitutionFields> = {};
  const changes: Partial<InstitutionFields> = {};
  for (const f of changedFields) {
    (before as Record<string, unknown>)[f] = current[f] ?? null;
    (changes as Record<string, unknown>)[f] = next[f] ?? null;
  }
  const after: Institution = { ...current, ...next, divisionAncestors: divisionAncestors(next.divisionCode) };
  return { after, changedFields, before, changes };
}

function pickFields(f: InstitutionFields): InstitutionFields {
  return Object.fromEntries(EDITABLE_FIELDS.map((k) => [k, f[k] ?? null])) as unknown as InstitutionFields;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
