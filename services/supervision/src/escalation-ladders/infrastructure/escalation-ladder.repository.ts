import { Injectable } from '@nestjs/common';
import type { CaseType } from '@civil/contracts';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { DEFAULT_LADDERS, EscalationLadder, LadderRung } from '../domain/escalation-ladder';

interface LadderVersion {
  rungs: LadderRung[];
  setBy: string;
  setAt: Date;
}

type LadderDoc = { _id: string; caseType: CaseType; current: LadderRung[]; history: LadderVersion[] };

/** Ladders per case type (`escalation_ladders`), current rungs plus every earlier version. */
@Injectable()
export class EscalationLadderRepository {
  private readonly collection: Collection<LadderDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<LadderDoc>(connection, 'escalation_ladders');
  }

  /** Read on every signal; kept for a few seconds (a change reaches other replicas within that). */
  private readonly cache = new Map<CaseType, { ladder: EscalationLadder; until: number }>();
  static readonly CACHE_MS = 5_000;

  async get(caseType: CaseType): Promise<EscalationLadder> {
    const cached = this.cache.get(caseType);
    if (cached && cached.until > Date.now()) return cached.ladder;
    const doc = await this.collection.findOne({ _id: caseType });
    const ladder = doc ? { caseType, rungs: doc.current } : DEFAULT_LADDERS[caseType];
    this.cache.set(caseType, { ladder, until: Date.now() + EscalationLadderRepository.CACHE_MS });
    return ladder;
  }

  async set(ladder: EscalationLadder, setBy: string, setAt: Date): Promise<{ caseType: CaseType; rungs: LadderRung[]; history: LadderVersion[] }> {
    await this.collection.updateOne(
      { _id: ladder.caseType },
      { $set: { caseType: ladder.caseType, current: ladder.rungs }, $push: { history: { rungs: ladder.rungs, setBy, setAt } } },
      { upsert: true },
    );
    this.cache.delete(ladder.caseType);
    const doc = (await this.collection.findOne({ _id: ladder.caseType }))!;
    return { caseType: doc.caseType, rungs: doc.current, history: doc.history };
  }
}
