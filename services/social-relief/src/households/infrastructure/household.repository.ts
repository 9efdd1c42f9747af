import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { HouseholdChange, householdEvents } from '../application/household-events';
import { Household } from '../domain/household';
import { HouseholdStatus } from '../domain/household-vocabulary';

/** A household in phase-out, as the sweep's watch list holds it. */
export interface PhaseOutWatch {
  householdId: string;
  endsOn: string;
}

/** What the re-check sweep reads of a household whose re-check is due (no personal data). */
export interface RecheckCandidate {
  householdId: string;
  divisionCode: string;
  dueOn: string;
  missedDueOn: string | null;
}

/** Documents a sweep's cursor fetches at a time. */
const PAGE = 1_000;

/** A pointer to a household with register changes to make (one per change). */
export interface RegisterSyncPointer {
  changeId: string;
  householdId: string;
  at: Date;
}

/**
 * Households (`households`, one document each, with its outbox) and the phase-out watch list
 * (`household_phase_out_watch`, `_id` = household id, with the phase-out's last day). The watch
 * list keeps the sweep off a scan of every household: it is written BEFORE the household's
 * phase-out (so it is a superset of the households in phase-out) and a stale entry is removed
 * only by compare-and-delete on its `endsOn`, so an entry a newer phase-out rewrote survives.
 * Likewise `household_register_sync` (`_id` = change id) points the sweep at households with
 * register changes to make: written BEFORE the household write that records the change, removed
 * once the change is made (or, for a change never written, once it is old). Households are
 * written through `store`; the watch list and the pointers here.
 */
@Injectable()
export class HouseholdRepository implements OnModuleInit {
  static readonly COLLECTION = 'households';
  private readonly households: Collection<Document>;
  private readonly watch: Collection<{ _id: string; endsOn: string }>;
  private readonly syncPointers: Collection<{ _id: string; householdId: string; at: Date }>;
  /** Every write of a household, with the events of its changes. */
  readonly store: AggregateStore<Household, 'householdId', HouseholdChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.households = collectionOf(connection, HouseholdRepository.COLLECTION);
    this.watch = collectionOf(connection, 'household_phase_out_watch');
    this.syncPointers = collectionOf(connection, 'household_register_sync');
    this.store = new AggregateStore({
      collection: this.households,
      idField: 'householdId',
      relay,
      events: householdEvents,
      noun: 'household',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.watch.createIndex({ _id: 1, endsOn: 1 }, { unique: true });
    // the re-check sweep reads households by due day, never all of them
    await this.households.createIndex({ 'recheck.dueOn': 1 }, { sparse: true });
  }

  /**
   * Enrolled households (or in phase-out) whose re-check was due before `today` and not yet signalled
   * missed for that day, from one cursor (a region's are never held at once).
   */
  async *recheckCandidates(today: string): AsyncGenerator<RecheckCandidate> {
    const cursor = this.households
      .find(
        { 'recheck.dueOn': { $lt: today }, status: { $in: ['enrolled', 'phase-out'] } },
        { projection: { divisionCode: 1, 'recheck.dueOn': 1, 'recheck.missedDueOn': 1 } },
      )
      .batchSize(PAGE);
    try {
      for await (const d of cursor) {
        const r = d.recheck as { dueOn: string; missedDueOn: string | null };
        if (r.missedDueOn !== r.dueOn)
          yield { householdId: String(d._id), divisionCode: d.divisionCode as string, dueOn: r.dueOn, missedDueOn: r.missedDueOn };
      }
    } finally {
      await cursor.close();
    }
  }

  /** Households on a register that have no re-check schedule (enrolled before re-checks), from one cursor. */
  async *unscheduled(): AsyncGenerator<string> {
    const cursor = this.households
      .find({ status: { $in: ['enrolled', 'phase-out'] }, recheck: { $exists: false } }, { projection: { _id: 1 } })
      .batchSize(PAGE);
    try {
      for await (const d of cursor) yield String(d._id);
    } finally {
      await cursor.close();
    }
  }

  get(householdId: string): Promise<Versioned<Household> | undefined> {
    return this.store.get(householdId);
  }

  /** Households within a jurisdiction (a scan by division: listings only), newest first, without their assessment history. */
  async listIn(jurisdiction: string, status: HouseholdStatus | undefined, limit: number): Promise<Household[]> {
    const filter: Document = { divisionAncestors: jurisdiction };
    if (status) filter.status = status;
    const docs = await this.households
      .find(filter, { projection: { outbox: 0, outboxLease: 0, writes: 0, version: 0, assessments: 0 } })
      .sort({ createdAt: -1 })
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ householdId: String(_id), assessments: [], ...rest }) as unknown as Household);
  }

  async watchPhaseOut(householdId: string, endsOn: string): Promise<void> {
    await this.watch.replaceOne({ _id: householdId }, { endsOn }, { upsert: true });
  }

  async watched(): Promise<PhaseOutWatch[]> {
    return (await this.watch.find({}).toArray()).map((d) => ({ householdId: d._id, endsOn: d.endsOn }));
  }

  async pointRegisterSync(pointers: readonly RegisterSyncPointer[]): Promise<void> {
    for (const p of pointers)
      await this.syncPointers.replaceOne({ _id: p.changeId }, { householdId: p.householdId, at: p.at }, { upsert: true });
  }

  async registerSyncPointers(): Promise<RegisterSyncPointer[]> {
    return (await this.syncPointers.find({}).toArray()).map((d) => ({ changeId: d._id, householdId: d.householdId, at: d.at }));
  }

  async dropRegisterSyncPointers(changeIds: readonly string[]): Promise<void> {
    if (changeIds.length) await this.syncPointers.deleteMany({ _id: { $in: [...changeIds] } });
  }

  /** Removes a watch entry if it still names this last day. */
  async unwatch(entry: PhaseOutWatch): Promise<void> {
    await this.watch.deleteOne({ _id: entry.householdId, endsOn: entry.endsOn });
  }
}
