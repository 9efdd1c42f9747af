import { Injectable } from '@nestjs/common';
import type { CaseLevel, CaseType } from '@civil/contracts';
import { divisionAncestors } from '@civil/kernel';
import { collectionOf, InjectDatabase } from '@civil/persistence';
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

export interface StoredLadder extends EscalationLadder {
  /** The division the ladder was set for ('' = every region); null when the built-in default applies. */
  divisionCode: string | null;
  history: LadderVersion[];
}

const idOf = (caseType: CaseType, divisionCode: string) => (divisionCode ? `${caseType}@${divisionCode}` : caseType);

/**
 * Ladders per case type and region (`escalation_ladders`): current rungs plus every earlier
 * version. A case takes the ladder of the narrowest division that has one set, else the one set
 * for every region, else the built-in default. Each candidate is a key lookup.
 */
@Injectable()
export class EscalationLadderRepository {
  private readonly collection: Collection<LadderDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<LadderDoc>(connection, 'escalation_ladders');
  }

  /** Read on every signal; kept for a few seconds (a change reaches other replicas within that). */
  private readonly cache = new Map<string, { ladder: StoredLadder; until: number }>();
  static readonly CACHE_MS = 5_000;

  async get(caseType: CaseType, divisionCode = ''): Promise<StoredLadder> {
    const cacheKey = idOf(caseType, divisionCode);
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.ladder;
    const candidates = [...(divisionCode ? divisionAncestors(divisionCode).reverse() : []), ''];
    let ladder: StoredLadder | undefined;
    for (const code of candidates) {
      const doc = await this.collection.findOne({ _id: idOf(caseType, code) });
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

  async set(ladder: EscalationLadder, divisionCode: string, setBy: string, setAt: Date): Promise<StoredLadder> {
    const id = idOf(ladder.caseType, divisionCode);
    const reportAtOnceTo = ladder.reportAtOnceTo ?? null;
    await this.collection.updateOne(
      { _id: id },
      {
        $set: { caseType: ladder.caseType, divisionCode, current: ladder.rungs, reportAtOnceTo },
        $push: { history: { rungs: ladder.rungs, reportAtOnceTo, setBy, setAt } },
      },
      { upsert: true },
    );
    this.cache.clear();
    const doc = (await this.collection.findOne({ _id: id }))!;
    return {
      caseType: doc.caseType,
      rungs: doc.current,
      reportAtOnceTo: doc.reportAtOnceTo ?? undefined,
      divisionCode: doc.divisionCode,
      history: doc.history,
    };
  }
}
