import { Injectable } from '@nestjs/common';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { AreaRiskLevels } from '../../area-risk/application/area-risk-levels';
import { exitAfterPhaseOut, Household, phaseOutEnded } from '../domain/household';
import { HouseholdRepository, PhaseOutWatch } from '../infrastructure/household.repository';
import { HouseholdRegisters } from './household-registers';

export interface PhaseOutSweepResult {
  /** Households that exited in this run. */
  exited: number;
  /** Households whose phase-out has ended but whose area is at medium/high risk: their exit waits. */
  paused: number;
  /** Stale watch entries cleared (phase-outs cancelled or replaced). */
  cleared: number;
  /** Households whose recorded register changes (members on or off) this run made. */
  registerSynced: number;
}

/** A sweep pointer whose change no household records is dropped once this old (its write failed or never happened). */
const ORPHAN_POINTER_MS = 10 * 60 * 1000;

/**
 * Exits households whose phase-out has ended (HouseholdExited, reason 'phase-out-ended', or
 * 'no-longer-eligible' for one a re-check found so — its exit waits here as a phase-out ended the
 * day before the re-check) and ends
 * their members' register memberships. Each exit happens once: the household changes by
 * compare-and-set (a second sweep finds it exited), and the event id is derived from the household
 * and its phase-out start. While the household's area is at medium or high risk the exit is paused
 * (the phase-out clock is not extended; the exit happens at the first sweep once the area is low).
 */
@Injectable()
export class PhaseOutSweepService {
  constructor(
    private readonly households: HouseholdRepository,
    private readonly registers: HouseholdRegisters,
    private readonly areaRisk: AreaRiskLevels,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(): Promise<PhaseOutSweepResult> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const result: PhaseOutSweepResult = { exited: 0, paused: 0, cleared: 0, registerSynced: 0 };
    // only entries whose last day has passed: a phase-out that just started is never touched
    for (const entry of (await this.households.watched()).filter((w) => w.endsOn < today)) {
      const outcome = await this.settle(entry, now, today);
      if (outcome !== 'waiting') result[outcome] += 1;
    }
    result.registerSynced = await this.finishRegisterChanges(now);
    return result;
  }

  /** Makes register changes a household write recorded but a crash (or failure) left unmade. */
  private async finishRegisterChanges(now: Date): Promise<number> {
    const pointers = await this.households.registerSyncPointers();
    let synced = 0;
    for (const householdId of new Set(pointers.map((p) => p.householdId))) {
      const pending = (await this.households.get(householdId))?.value.registerSyncPending ?? [];
      if (pending.length && (await this.registers.settlePending(householdId))) synced++;
      const left = new Set(((await this.households.get(householdId))?.value.registerSyncPending ?? []).map((c) => c.changeId));
      const orphans = pointers.filter(
        (p) => p.householdId === householdId && !left.has(p.changeId) && now.getTime() - new Date(p.at).getTime() > ORPHAN_POINTER_MS,
      );
      await this.households.dropRegisterSyncPointers(orphans.map((p) => p.changeId));
    }
    return synced;
  }

  private async settle(entry: PhaseOutWatch, now: Date, today: string): Promise<keyof PhaseOutSweepResult | 'waiting'> {
    const current = await this.households.get(entry.householdId);
    if (!current) {
      await this.households.unwatch(entry);
      return 'cleared';
    }
    let h = current.value;
    if (phaseOutEnded(h, today)) {
      if (await this.areaRisk.isElevated(h.divisionCode, now)) return 'paused';
      const exited = await this.households.store.change(
        entry.householdId,
        (cur) => {
          // exited by another sweep, or its phase-out cancelled or replaced, meanwhile
          if (!phaseOutEnded(cur, today)) return undefined;
          const phaseOutStartedAt = new Date(cur.phaseOut!.startedAt).toISOString();
          const { next, previousCategory, reason } = exitAfterPhaseOut(cur, now, today);
          return { next, changes: [{ type: 'exited', at: now, previousCategory, phaseOutStartedAt, reason }] };
        },
        () => DomainError.notFound('HouseholdNotFound', `no household ${entry.householdId}`, { householdId: entry.householdId }),
      );
      if (exited.written) {
        await this.endMemberships(exited.state, today);
        await this.households.unwatch(entry);
        return 'exited';
      }
      h = exited.state;
    }
    // exited earlier (maybe without finishing its memberships), cancelled, or a newer phase-out
    if (h.status === 'exited') await this.endMemberships(h, today);
    if (h.status === 'phase-out') return 'waiting';
    await this.households.unwatch(entry);
    return 'cleared';
  }

  /** Ends the memberships of the household's last enrolment (idempotent: PersonRegistry ignores ended ones). */
  private async endMemberships(h: Household, today: string): Promise<void> {
    const last = h.enrolments.at(-1);
    if (!last || last.category === 'none') return;
    await this.registers.endMembers(h, last.category, last.to ?? today);
  }
}
