import { divisionAncestors, DomainError } from '@civil/kernel';

/**
 * Incidents against the suspension (搭棚治丧, gatherings), recorded where they happened (village
 * code) and followed until resolved (e.g. 上户做工作后家属自愿拆除).
 */
export const INCIDENT_KINDS = ['tent-funeral', 'gathering', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_KIND_LABELS: Record<IncidentKind, string> = {
  'tent-funeral': '搭棚治丧',
  gathering: '聚集性治丧活动',
  other: '其他',
};

export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = { open: '待处置', resolved: '已处置' };

export interface FuneralIncident {
  incidentId: string;
  kind: IncidentKind;
  /** Where: a village (12 digits) or township (9 digits) code. */
  divisionCode: string;
  divisionAncestors: string[];
  /** What happened (no names of the family). */
  description: string;
  occurredAt: Date;
  status: IncidentStatus;
  resolution: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export function newIncident(
  input: { incidentId: string; kind: IncidentKind; divisionCode: string; description: string; occurredAt: Date },
  by: string,
  now: Date,
): FuneralIncident {
  if (input.occurredAt.getTime() > now.getTime())
    throw DomainError.invalid('InTheFuture', 'occurredAt must not be in the future', { field: 'occurredAt' });
  return {
    ...input,
    divisionAncestors: divisionAncestors(input.divisionCode),
    status: 'open',
    resolution: null,
    resolvedAt: null,
    resolvedBy: null,
    recordedBy: by,
    recordedAt: now,
  };
}

export function resolveIncident(incident: FuneralIncident, resolution: string, by: string, now: Date): FuneralIncident {
  if (incident.status === 'resolved')
    throw DomainError.conflict(
      'AlreadyResolved',
      `incident ${incident.incidentId} was already resolved at ${incident.resolvedAt?.toISOString()}`,
    );
  return { ...incident, status: 'resolved', resolution, resolvedAt: now, resolvedBy: by };
}
