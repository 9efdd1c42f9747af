import { Injectable } from '@nestjs/common';
import type { EquipmentFaultReported, EquipmentRepaired } from '@civil/contracts';
import { Clock, shanghaiDate } from '@civil/kernel';
import { EventEnvelope } from '@civil/messaging';
import { InjectClock, RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { isUnrepairedPastLimit, watchFault } from '../domain/equipment-fault-watch';
import { EquipmentFaultWatchRepository } from '../infrastructure/equipment-fault-watch.repository';
import { CaseSignalsService } from './case-signals.service';
import { clearingSignal, openingSignal } from './upstream-signals';

/**
 * EquipmentFaultReported starts a watch; a fault still unrepaired past the region's limit opens an
 * `equipment-unrepaired` case (the sweep); EquipmentRepaired ends the watch or resolves the case.
 * A sweep claims a watch (`opening`) before it opens the case, so a repair arriving meanwhile
 * waits for the case and then resolves it instead of slipping between the two.
 */
@Injectable()
export class EquipmentFaultWatchService {
  constructor(
    private readonly watches: EquipmentFaultWatchRepository,
    private readonly signals: CaseSignalsService,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async onFaultReported(event: EventEnvelope<EquipmentFaultReported>): Promise<void> {
    const limit = await this.settings.valueFor('equipment-repair-limit-hours', event.data.divisionCode, shanghaiDate(new Date(event.data.reportedAt)));
    await this.watches.watch(watchFault(event.data, limit, { id: event.id, source: event.source, correlationId: event.correlationId, traceparent: event.traceparent }));
  }

  async onRepaired(event: EventEnvelope<EquipmentRepaired>): Promise<void> {
    if (await this.watches.move(event.data.faultId, 'watching', 'repaired')) return; // repaired in time: no case
    const watch = await this.watches.get(event.data.faultId);
    if (watch?.status === 'opening') throw Object.assign(new Error(`case for fault ${event.data.faultId} is being opened; will retry`), { transient: true });
    await this.signals.clear(event, clearingSignal.equipmentRepaired(event.data));
  }

  /** Opens a case for every fault past its limit; returns how many. */
  async sweep(limit = 500): Promise<{ opened: number }> {
    const now = this.clock.now();
    let opened = 0;
    for (const w of await this.watches.dueBy(now, limit)) {
      if (w.status === 'watching') {
        if (!isUnrepairedPastLimit(w, now) || !(await this.watches.move(w.faultId, 'watching', 'opening'))) continue;
      }
      await this.signals.open(w.source, openingSignal.equipmentUnrepaired(w));
      await this.watches.move(w.faultId, 'opening', 'case-opened');
      opened++;
    }
    return { opened };
  }
}
