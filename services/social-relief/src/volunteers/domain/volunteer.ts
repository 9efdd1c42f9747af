import { covers } from '@civil/kernel';

/**
 * Social forces registered per division (seeds 001/002/004: 社会组织, 社会工作者, 志愿者) who take
 * part in the care of key persons: a social organisation, a social worker (社工) or a volunteer.
 * The name is kept encrypted and shown masked; events never carry it.
 */
export const VOLUNTEER_KINDS = ['social-organisation', 'social-worker', 'volunteer'] as const;
export type VolunteerKind = (typeof VOLUNTEER_KINDS)[number];

/** Who made a key-person visit: a cadre (干部) or one of the social forces. */
export const VISITOR_KINDS = ['cadre', ...VOLUNTEER_KINDS] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];

export const VOLUNTEER_KIND_LABELS: Record<VolunteerKind, string> = {
  'social-organisation': '社会组织',
  'social-worker': '社会工作者（社工）',
  volunteer: '志愿者',
};
export const VISITOR_KIND_LABELS: Record<VisitorKind, string> = { cadre: '干部', ...VOLUNTEER_KIND_LABELS };

export interface Volunteer {
  volunteerId: string;
  kind: VolunteerKind;
  /** Where registered: a county, township or village. */
  divisionCode: string;
  divisionAncestors: string[];
  nameEnc: string;
  nameMasked: string;
  /** The organisation a social worker or volunteer serves with (社工站, 志愿服务队); no personal data. */
  organisation: string | null;
  registeredAt: Date;
  registeredBy: string;
}

/**
 * Whether a volunteer may be assigned a visit to someone living in `divisionCode` of township
 * `townshipCode`: registered there or in a division enclosing it (the county's social
 * organisations), or in one of the township's villages.
 */
export function servesArea(v: Pick<Volunteer, 'divisionCode'>, divisionCode: string, townshipCode: string): boolean {
  return covers(v.divisionCode, divisionCode) || covers(townshipCode, v.divisionCode);
}
