import { Injectable } from '@nestjs/common';
import { Clock, DomainError, maskName, maskPhone } from '@civil/kernel';
import { assertFoundWithin, FieldCipher, InjectClock, Principal } from '@civil/platform';
import {
  CARE_CAUSE_LABELS,
  CARE_KIND_LABELS,
  CarePlacement,
  Decided,
  END_REASON_LABELS,
  followUpOverdue,
  isPastLimit,
  nextCarerVisitDue,
  PLACEMENT_REFUSAL_REASON_LABELS,
  PLACEMENT_STATUS_LABELS,
  ProtectedCarer,
} from '../domain/care-placement';
import { CarePlacementRepository } from '../infrastructure/care-placement.repository';

export function placementNotFound(placementId: string): DomainError {
  return DomainError.notFound('PlacementNotFound', `no care placement ${placementId}`, { placementId });
}

export interface CarerInput {
  name: string;
  phone?: string;
  relation: string;
}

/**
 * What the care placements' use cases share: a placement within the caller's reach (404
 * otherwise, saying nothing of where it is), changed through its store, shown with labels and the
 * carer masked.
 */
@Injectable()
export class CarePlacements {
  constructor(
    private readonly placements: CarePlacementRepository,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async load(placementId: string, by: Principal): Promise<CarePlacement> {
    const found = await this.placements.get(placementId);
    if (!found) throw placementNotFound(placementId);
    assertFoundWithin(by, () => placementNotFound(placementId), found.value.divisionCode);
    return found.value;
  }

  /** Changes a placement within the caller's reach, deciding again if it changed meanwhile. */
  async change(placementId: string, by: Principal, decide: (p: CarePlacement, now: Date) => Decided): Promise<CarePlacement> {
    await this.load(placementId, by);
    const { state } = await this.placements.store.change(
      placementId,
      (current) => {
        const { placement, changes } = decide(current, this.clock.now());
        return { next: placement, changes };
      },
      () => placementNotFound(placementId),
    );
    return state;
  }

  protect(c: CarerInput): ProtectedCarer {
    return {
      nameEnc: this.cipher.encrypt(c.name),
      nameMasked: maskName(c.name),
      phoneEnc: c.phone ? this.cipher.encrypt(c.phone) : null,
      phoneMasked: c.phone ? maskPhone(c.phone) : null,
      relation: c.relation,
    };
  }

  view(p: CarePlacement) {
    const now = this.clock.now();
    const { divisionAncestors: _a, care, requests, ...rest } = p;
    const shownCare =
      care?.kind === 'entrusted-carer'
        ? {
            kind: care.kind,
            kindLabel: CARE_KIND_LABELS[care.kind],
            carer: { name: care.carer.nameMasked, phone: care.carer.phoneMasked, relation: care.carer.relation },
            visitCadenceDays: care.visitCadenceDays,
            visits: care.visits,
            placedAt: care.placedAt,
            nextVisitDueAt: nextCarerVisitDue(p),
            visitOverdue: now.getTime() > (nextCarerVisitDue(p)?.getTime() ?? Infinity),
          }
        : care
          ? { ...care, kindLabel: CARE_KIND_LABELS[care.kind] }
          : null;
    return {
      ...rest,
      statusLabel: PLACEMENT_STATUS_LABELS[p.status],
      causeLabel: CARE_CAUSE_LABELS[p.cause],
      endReasonLabel: p.endReason ? END_REASON_LABELS[p.endReason] : null,
      requests: requests.map((r) => ({
        ...r,
        refusalReasonLabel: r.refusalReason ? PLACEMENT_REFUSAL_REASON_LABELS[r.refusalReason] : null,
      })),
      care: shownCare,
      overdue: !!p.overdueAt || isPastLimit(p, now),
      followUpOverdue: followUpOverdue(p, now),
    };
  }
}
