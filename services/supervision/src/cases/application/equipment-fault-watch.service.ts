import { Injectable } from '@nestjs/common';
import type { EquipmentFaultReported, EquipmentRepaired } from '@civil/contracts';
import { Clock, shanghaiDate } from '@civil/kernel';
import { EventEnvelope } from '@civil/messaging';
import { InjectClock, RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import {
  caseOpened,
  claimWatch,
  EquipmentFaultWatch,
  isUnrepairedPastLimit,
  leaveRepair,
  repairInTime,
  settleOpened,
  watchFault,
} from '../domain/equipment-fault-watch';
import { EquipmentFaultWatchRepository } from '../infrastructure/equipment-fault-watch.repository';
import { CaseSignalsService } from './case-signals.service';
import { clearingSignal, openingSignal } from './upstream-signals';

/**
 * EquipmentFaultReported starts a watch; a fault still unrepaired past the region's limit opens an
 * `equipment-unrepaired` case (the sweep); EquipmentRepaired ends the watch or resolves the case.
 * A sweep claims a watch (`opening`, with a lease another sweep takes over if it runs out) before
 * it opens the case; a repair arriving meanwhile is left on the watch and resolves the case as
 * soon as it is open, instead of slipping between the two.
 */
/** How long a sweep holds a claimed watch before another may take it over. */
const CLAIM_LEASE_MS = 60_000;

@Injectable()
export class EquipmentFaultWatchService {
  constructor(
    private readonly watches: EquipmentFaultWatchRepository,
    private readonly signals: CaseSignalsService,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async onFaultReported(event: EventEnvelope<EquipmentFaultReported>): Promise<void> {
    const limit = await this.settings.valueFor(
      'equipment-repair-limit-hours',
      event.data.divisionCode,
      shanghaiDate(new Date(event.data.reportedAt)),
    );
    // false: a redelivered report, already watched
    await this.watches.store.create(
      watchFault(event.data, limit, {
        id: event.id,
        source: event.source,
        type: event.type,
        correlationId: event.correlationId,
        traceparent: event.traceparent,
      }),
      [],
    );
  }

  async onRepaired(event: EventEnvelope<EquipmentRepaired>): Promise<void> {
    const faultId = event.data.faultId;
    if (await this.step(faultId, repairInTime)) return; // no case
    const source = {
      id: event.id,
      source: event.source,
      type: event.type,
      correlationId: event.correlationId,
      traceparent: event.traceparent,
    };
    if (await this.step(faultId, (w) => leaveRepair(w, { source, data: event.data }))) return; // the sweep opening the case resolves it
    await this.signals.clear(event, clearingSignal.equipmentRepaired(event.data));
  }

  /** Opens a case for every fault past its limit; returns how many. */
  async sweep(limit = 500): Promise<{ opened: number }> {
    const now = this.clock.now();
    let opened = 0;
    for (const w of await this.watches.dueBy(now, limit)) {
      if (!isUnrepairedPastLimit(w, now) && w.status === 'watching') continue;
      if (!(await this.claim(w.faultId, now))) continue; // another replica holds it
      await this.signals.open(w.source, openingSignal.equipmentUnrepaired(w));
      if (!(await this.step(w.faultId, caseOpened))) {
        const repair = (await this.watches.get(w.faultId))?.repair;
        if (repair) await this.signals.clear(repair.source, clearingSignal.equipmentRepaired(repair.data));
        await this.step(w.faultId, settleOpened);
      }
      opened++;
    }
    return { opened };
  }

  /** Claims a watch for opening its case (what a sweep does first); false if another sweep holds it. */
  claim(faultId: string, now: Date, leaseMs = CLAIM_LEASE_MS): Promise<boolean> {
    return this.step(faultId, (w) => claimWatch(w, now, leaseMs));
  }

  /** Moves the watch on if the transition allows it from its state; false if not (or there is no such watch). */
  private async step(faultId: string, transition: (w: EquipmentFaultWatch) => EquipmentFaultWatch | undefined): Promise<boolean> {
    const { written } = await this.watches.store.upsert(faultId, (w) => {
      const next = w && transition(w);
      return next && { next, changes: [] };
    });
    return written;
  }
}
