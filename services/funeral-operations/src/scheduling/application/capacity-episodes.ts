import { Injectable } from '@nestjs/common';
import { Clock, divisionAncestors, shanghaiDate } from '@civil/kernel';
import { createLogger, InjectClock, RegionalSettingsService } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { SettingKey } from '../../regional-settings/domain/settings';
import { initialMeasure, nextMeasureState } from '../domain/capacity';
import { HomeCapacity, HomeCapacityRepository } from '../infrastructure/home-capacity.repository';
import { CapacityFigures } from './capacity-figures';
import { HomeCapacityChange } from './home-capacity-events';

/**
 * Capacity episodes per home (cold storage, cremation backlog) with hysteresis: CapacityStrained
 * once (with alternatives) and CapacityRecovered once, each written with the home's capacity state.
 */
@Injectable()
export class CapacityEpisodes {
  private readonly log = createLogger('funeral-operations', 'CapacityEpisodes');
  private readonly inFlight = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(
    private readonly homes: HomeDirectory,
    private readonly figures: CapacityFigures,
    private readonly capacity: HomeCapacityRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Re-evaluates a home after a case move or schedule change; never fails the caller. Changes
   * arriving while an evaluation of the home runs are coalesced into one more evaluation (in this
   * process), so a burst of placements does not queue one evaluation each.
   */
  async afterChange(homeId: string | null): Promise<void> {
    if (!homeId) return;
    const running = this.inFlight.get(homeId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state: { again: boolean; done: Promise<void> } = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.evaluate(homeId);
        } while (state.again);
      } catch (e) {
        this.log.warn('capacity evaluation failed; the sweep evaluates again', { homeId, error: (e as Error).message });
      } finally {
        this.inFlight.delete(homeId);
      }
    })();
    this.inFlight.set(homeId, state);
    return state.done;
  }

  /** Evaluates a home's episodes and writes CapacityStrained / CapacityRecovered once per episode. */
  async evaluate(homeId: string): Promise<HomeCapacity | undefined> {
    const home = await this.homes.get(homeId);
    if (!home) return undefined;
    const now = this.clock.now();
    const day = shanghaiDate(now);
    const [f, coldAt, backlogAt, recoveredAt] = await Promise.all([
      this.figures.figures(home, now),
      this.settings.valueFor('cold-storage-strained-percent', home.divisionCode, day),
      this.settings.valueFor('cremation-backlog-strained-percent', home.divisionCode, day),
      this.settings.valueFor('capacity-recovered-percent', home.divisionCode, day),
    ]);
    // where families are sent instead: only wanted when a measure becomes strained
    const before = (await this.capacity.get(homeId))?.value;
    const becomesStrained =
      (!before?.coldStorage.strained && f.coldStorage.ratio >= coldAt / 100) ||
      (!before?.backlog.strained && f.backlog.ratio >= backlogAt / 100);
    const alternatives = becomesStrained ? (await this.figures.rankedAlternatives(home, now)).map((a) => a.homeId) : [];
    const { state } = await this.capacity.store.upsert(homeId, (prev) => {
      const cold = nextMeasureState(
        prev?.coldStorage ?? initialMeasure('cold-storage'),
        f.coldStorage.ratio,
        coldAt / 100,
        recoveredAt / 100,
        now,
      );
      const backlog = nextMeasureState(
        prev?.backlog ?? initialMeasure('cremation-backlog'),
        f.backlog.ratio,
        backlogAt / 100,
        recoveredAt / 100,
        now,
      );
      const changes: HomeCapacityChange[] = [];
      for (const [m, change, threshold] of [
        [cold.state, cold.change, coldAt / 100],
        [backlog.state, backlog.change, backlogAt / 100],
      ] as const) {
        if (!change) continue;
        changes.push(
          change.kind === 'strained'
            ? { type: 'strained', measure: m.measure, episode: change.episode, ratio: m.ratio, threshold, alternatives, at: now }
            : { type: 'recovered', measure: m.measure, episode: change.episode, ratio: m.ratio, threshold: recoveredAt / 100, at: now },
        );
      }
      const next: HomeCapacity = {
        homeId,
        divisionCode: home.divisionCode,
        divisionAncestors: divisionAncestors(home.divisionCode),
        coldStorage: { ...cold.state, occupied: f.coldStorage.occupied, slots: f.coldStorage.slots },
        backlog: {
          ...backlog.state,
          hoursQueued: f.backlog.hoursQueued,
          hoursAvailable: f.backlog.hoursAvailable,
          waitingCases: f.backlog.waitingCases,
          placedCases: f.backlog.placedCases,
        },
        expectedWaitMinutes: f.expectedWaitMinutes,
        evaluatedAt: now,
      };
      return { next, changes };
    });
    return state;
  }
}
