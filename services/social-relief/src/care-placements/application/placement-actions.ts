import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@civil/kernel';
import { Principal, RegionalSettingsService } from '@civil/platform';
import { RecordVisit } from '../../key-person-lists/application/record-visit';
import type { SettingKey } from '../../regional-settings/domain/settings';
import {
  CarePlacement,
  endPlacement,
  EndReason,
  PlacementStatus,
  placeWithCarer,
  recordCarerVisit,
  recordFollowUp,
  requestUnit,
} from '../domain/care-placement';
import { CarePlacementRepository } from '../infrastructure/care-placement.repository';
import { CarePlacements, CarerInput } from './care-placements';
import { DomainError } from '@civil/kernel';
import type { VisitMode } from '../../key-person-lists/domain/key-person-entry';

/** Placements of the caller's jurisdiction (newest first) and one by id (404 outside it). */
@Injectable()
export class ReadPlacements {
  constructor(
    private readonly placements: CarePlacementRepository,
    private readonly shared: CarePlacements,
  ) {}

  async list(q: { status?: PlacementStatus; entryId?: string; limit?: number }, by: Principal) {
    const found = await this.placements.list({
      jurisdiction: by.jurisdiction,
      status: q.status,
      entryId: q.entryId,
      limit: q.limit ?? 100,
    });
    return found.map((p) => this.shared.view(p));
  }

  async one(placementId: string, by: Principal) {
    return this.shared.view(await this.shared.load(placementId, by));
  }
}

/** 申请机构临时照料: asks a 儿童福利机构 / 未成年人救助保护机构 to take the child (ChildPlacementRequested). */
@Injectable()
export class RequestUnitCare {
  constructor(private readonly shared: CarePlacements) {}

  async execute(placementId: string, unitId: string, by: Principal): Promise<CarePlacement> {
    return this.shared.change(placementId, by, (p, now) => requestUnit(p, unitId, by.sub, now));
  }
}

/** 委托照料: the child placed with an entrusted carer, visited on the region's cadence. */
@Injectable()
export class PlaceWithCarer {
  constructor(
    private readonly shared: CarePlacements,
    private readonly settings: RegionalSettingsService<SettingKey>,
  ) {}

  async execute(placementId: string, carer: CarerInput, by: Principal): Promise<CarePlacement> {
    const current = await this.shared.load(placementId, by);
    const cadence = await this.settings.valueFor(
      'entrusted-care-visit-cadence-days',
      current.divisionCode,
      shanghaiDate(this.shared.now()),
    );
    const protectedCarer = this.shared.protect(carer);
    return this.shared.change(placementId, by, (p, now) =>
      placeWithCarer(p, { carer: protectedCarer, visitCadenceDays: cadence }, by.sub, now),
    );
  }
}

/** A visit to the child at the entrusted carer's. */
@Injectable()
export class RecordCarerVisit {
  constructor(private readonly shared: CarePlacements) {}

  async execute(placementId: string, v: { visitedAt?: Date; findings: string }, by: Principal): Promise<CarePlacement> {
    return this.shared.change(placementId, by, (p, now) => ({
      placement: recordCarerVisit(p, { visitedAt: v.visitedAt ?? now, visitor: by.sub, findings: v.findings }, now),
      changes: [],
    }));
  }
}

/** The guardian is back: the placement ends (ChildPlacementEnded; a unit discharges the child). */
@Injectable()
export class EndPlacement {
  constructor(
    private readonly shared: CarePlacements,
    private readonly settings: RegionalSettingsService<SettingKey>,
  ) {}

  async execute(placementId: string, reason: EndReason, by: Principal): Promise<CarePlacement> {
    const current = await this.shared.load(placementId, by);
    const days = await this.settings.valueFor('care-placement-follow-up-days', current.divisionCode, shanghaiDate(this.shared.now()));
    return this.shared.change(placementId, by, (p, now) => endPlacement(p, reason, days, by.sub, now));
  }
}

/**
 * The follow-up visit after the end, recorded as a visit on the child's key-person entry (which
 * also moves the entry's own visit cadence), then on the placement.
 */
@Injectable()
export class RecordFollowUp {
  constructor(
    private readonly shared: CarePlacements,
    private readonly visits: RecordVisit,
  ) {}

  async execute(placementId: string, v: { visitedAt?: string; mode: VisitMode; findings: string }, by: Principal): Promise<CarePlacement> {
    const current = await this.shared.load(placementId, by);
    if (current.status !== 'ended')
      throw DomainError.conflict(
        'PlacementNotInState',
        `placement ${placementId} is ${current.status}: the follow-up visit needs it to be ended`,
        {
          status: current.status,
          rule: 'placement-state',
        },
      );
    const visitedAt = v.visitedAt ? new Date(v.visitedAt) : this.shared.now();
    if (visitedAt.getTime() < current.endedAt!.getTime())
      throw DomainError.invalid(
        'FollowUpBeforeEnd',
        'visitedAt is before the placement ended: a follow-up comes after the guardian is back',
        {
          field: 'visitedAt',
        },
      );
    const visit = await this.visits.execute(
      current.townshipCode,
      current.entryId,
      { visitedAt: visitedAt.toISOString(), mode: v.mode, findings: v.findings },
      by,
    );
    return this.shared.change(placementId, by, (p, now) => ({
      placement: recordFollowUp(p, { visitId: visit.visitId, visitedAt, recordedAt: now, by: by.sub }, now),
      changes: [],
    }));
  }
}
