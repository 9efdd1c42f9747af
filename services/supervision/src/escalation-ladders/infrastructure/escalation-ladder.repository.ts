import { Injectable, OnModuleInit } from '@nestjs/common';
import type { CaseLevel, CaseType } from '@civil/contracts';
import { divisionAncestors } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { DEFAULT_LADDERS, EscalationLadder, LadderRung } from '../domain/escalation-ladder';

export interface LadderVersion {
  rungs: LadderRung[];
  reportAtOnceTo?: CaseLevel | null;
  setBy: string;
  setAt: Date;
}

/** Where a ladder applies: '' everywhere, otherwise a division code and everything under it. */
type LadderDoc = {
  _id: string;
  caseType: CaseType;
  divisionCode: string;
  current: LadderRung[];
  reportAtOnceTo?: CaseLevel | null;
  history: LadderVersion[];
};

/** The ladder set for one case type and region, as its store writes it (its history is appended beside it). */
export interface LadderSetting {
  /** `caseType` for every region, `caseType@divisionCode` for one. */
  ladderId: string;
  caseType: CaseType;
  divisionCode: string;
  current: LadderRung[];
  reportAtOnceTo: CaseLevel | null;
}

export interface StoredLadder extends EscalationLadder {
  /** The division the ladder was set for ('' = every region); null when the built-in default applies. */
  divisionCode: string | null;
  history: LadderVersion[];
}

export const ladderIdOf = (caseType: CaseType, divisionCode: string) => (divisionCode ? `${caseType}@${divisionCode}` : caseType);

/**
 * Ladders per case type and region (`escalation_ladders`): current rungs plus every earlier
 * version. A case takes the ladder of the narrowest division that has one set, else the one set
 * for every region, else the built-in default. Each candidate is a key lookup.
 */
@Injectable()
export class EscalationLadderRepository implements OnModuleInit {
  private readonly collection: Collection<LadderDoc>;
  /** Sets a ladder (a replacement of its rungs, the version appended to `history`); it publishes nothing. */
  readonly store: AggregateStore<LadderSetting, 'ladderId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<LadderDoc>(connection, 'escalation_ladders');
    this.store = new AggregateStore({
      collection: collectionOf(connection, 'escalation_ladders'),
      idField: 'ladderId',
      relay,
      events: noEvents,
      noun: 'escalation ladder',
      hidden: ['history'],
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    // ladders set before they were versioned: version 0, so the store's compare-and-set finds them
    await this.collection.updateMany({ version: { $exists: false } } as never, { $set: { version: 0 } } as never);
    await this.store.ensureIndexes();
  }

  /** Read on every signal; kept for a few seconds (a change reaches other replicas within that). */
  private readonly cache = new Map<string, { ladder: StoredLadder; until: number }>();
  static readonly CACHE_MS = 5_000;

  async get(caseType: CaseType, divisionCode = ''): Promise<StoredLadder> {
    const cacheKey = ladderIdOf(caseType, divisionCode);
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.ladder;
    const candidates = [...(divisionCode ? divisionAncestors(divisionCode).reverse() : []), ''];
    let ladder: StoredLadder | undefined;
    for (const code of candidates) {
      const doc = await this.collection.findOne({ _id: ladderIdOf(caseType, code) });
      if (doc) {
        ladder = {
          caseType,
          rungs: doc.current,
          reportAtOnceTo: doc.reportAtOnceTo ?? undefined,
          divisionCode: doc.divisionCode ?? '',
          history: doc.history,
        };
        break;
      }
    }
    ladder ??= { ...DEFAULT_LADDERS[caseType], divisionCode: null, history: [] };
    this.cache.set(cacheKey, { ladder, until: Date.now() + EscalationLadderRepository.CACHE_MS });
    return ladder;
  }

  /** A ladder was set: the next read of any region reads it again (other replicas within CACHE_MS). */
  forgetCached(): void {
    this.cache.clear();
  }

  /** The ladder set for exactly this case type and region ('' = every region), with its history. */
  async setFor(caseType: CaseType, divisionCode: string): Promise<StoredLadder | undefined> {
    const doc = await this.collection.findOne({ _id: ladderIdOf(caseType, divisionCode) });
    if (!doc) return undefined;
    return {
      caseType: doc.caseType,
      rungs: doc.current,
      reportAtOnceTo: doc.reportAtOnceTo ?? undefined,
      divisionCode: doc.divisionCode,
      history: doc.history,
    };
  }
}
