import { Injectable } from '@nestjs/common';
import { RiskFlagRaised } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors, divisionAt, shanghaiDate } from '@civil/kernel';
import { EventEnvelope } from '@civil/messaging';
import { InjectClock, RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { openPlacement, opensPlacement } from '../domain/care-placement';
import { CarePlacementRepository } from '../infrastructure/care-placement.repository';

/** The placement a raised flag opens: one per flag raising (the raising's event id). */
export function placementIdFor(raisingEventId: string): string {
  return `cp-${deterministicId('care-placement', raisingEventId)}`;
}

/**
 * A no-guardian flag raised with a cause on a child of a key-person list opens a care placement,
 * due within the region's limit (on the day of the flag) from when it was raised. Redelivery
 * changes nothing: the placement id comes from the flag raising.
 */
@Injectable()
export class OpenPlacementHandler {
  constructor(
    private readonly placements: CarePlacementRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async onFlagRaised(e: EventEnvelope<RiskFlagRaised>): Promise<void> {
    const d = e.data;
    if (!opensPlacement(d.flag, d.categories, d.cause)) return;
    const placementId = placementIdFor(e.id);
    if (await this.placements.get(placementId)) return;
    const openedAt = new Date(d.raisedAt);
    const limitHours = await this.settings.valueFor('care-placement-limit-hours', d.divisionCode, shanghaiDate(openedAt));
    const placement = openPlacement(
      {
        placementId,
        entryId: d.entryId,
        townshipCode: divisionAt(d.divisionCode, 'township'),
        childRef: d.personRef,
        divisionCode: d.divisionCode,
        divisionAncestors: divisionAncestors(d.divisionCode),
        categories: d.categories,
        cause: d.cause,
        openedAt,
        openedBy: 'risk-flag',
        limitHours,
      },
      this.clock.now(),
    );
    // false: a concurrent delivery created it first
    await this.placements.store.create(placement, []);
  }
}
