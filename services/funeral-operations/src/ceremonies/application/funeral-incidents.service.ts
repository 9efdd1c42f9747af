import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError } from '@civil/kernel';
import { assertCovers, assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import {
  FuneralIncident,
  INCIDENT_KIND_LABELS,
  INCIDENT_STATUS_LABELS,
  IncidentKind,
  IncidentStatus,
  newIncident,
  resolveIncident,
} from '../domain/funeral-incident';
import { FuneralIncidentRepository } from '../infrastructure/ceremony.repositories';

/** Unknown, or outside the caller's reach: the same answer. */
const incidentNotFound = (incidentId: string) => DomainError.notFound('IncidentNotFound', `no incident ${incidentId}`, { incidentId });

/** Incidents such as 搭棚治丧, recorded where they happened and followed until resolved. */
@Injectable()
export class FuneralIncidentsService {
  constructor(
    private readonly incidents: FuneralIncidentRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async record(
    input: { incidentId?: string; kind: IncidentKind; divisionCode: string; description: string; occurredAt: Date | null },
    by: Principal,
  ) {
    assertCovers(by, input.divisionCode);
    const now = this.clock.now();
    const incident = newIncident(
      { ...input, incidentId: input.incidentId ?? `inc-${randomUUID()}`, occurredAt: input.occurredAt ?? now },
      by.sub,
      now,
    );
    if (!(await this.incidents.store.create(incident, [])))
      throw DomainError.conflict('IncidentExists', `incident ${incident.incidentId} is already recorded`, {
        incidentId: incident.incidentId,
      });
    return this.view(incident);
  }

  async resolve(incidentId: string, resolution: string, by: Principal) {
    const notFound = () => incidentNotFound(incidentId);
    const { state } = await this.incidents.store.change(
      incidentId,
      (current) => {
        assertFoundWithin(by, notFound, current.divisionCode);
        return { next: resolveIncident(current, resolution, by.sub, this.clock.now()), changes: [] };
      },
      notFound,
    );
    return this.view(state);
  }

  async get(incidentId: string, by: Principal) {
    const incident = (await this.incidents.get(incidentId))?.value;
    if (!incident) throw incidentNotFound(incidentId);
    assertFoundWithin(by, () => incidentNotFound(incidentId), incident.divisionCode);
    return this.view(incident);
  }

  async list(status: IncidentStatus | undefined, by: Principal) {
    return (await this.incidents.inJurisdiction(by.jurisdiction, status)).map((i) => this.view(i));
  }

  private view(i: FuneralIncident) {
    return {
      incidentId: i.incidentId,
      kind: i.kind,
      kindLabel: INCIDENT_KIND_LABELS[i.kind],
      divisionCode: i.divisionCode,
      description: i.description,
      occurredAt: i.occurredAt.toISOString(),
      status: i.status,
      statusLabel: INCIDENT_STATUS_LABELS[i.status],
      resolution: i.resolution,
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
      resolvedBy: i.resolvedBy,
      recordedBy: i.recordedBy,
      recordedAt: i.recordedAt.toISOString(),
    };
  }
}
