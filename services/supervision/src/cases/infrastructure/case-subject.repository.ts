import { Injectable } from '@nestjs/common';
import type { CaseType } from '@civil/contracts';
import { APPLIED_EVENTS_KEPT, collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

/**
 * Per subject and case type (`case_subjects`, id `<caseType>:<subjectId>`): which case is open and
 * which signals were applied lately. Found by id, so the hot path of every signal is a key lookup
 * on any MongoDB-wire server, indexes or not. Written after the case itself: a crash in between
 * is repaired by the next signal (the case id is derived, and the domain ignores a known day).
 */
interface CaseSubjectDoc {
  _id: string;
  caseType: CaseType;
  subjectId: string;
  openCaseId?: string;
  appliedEvents: string[];
}

export function subjectKey(caseType: CaseType, subjectId: string): string {
  return `${caseType}:${subjectId}`;
}

@Injectable()
export class CaseSubjectRepository {
  private readonly collection: Collection<CaseSubjectDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<CaseSubjectDoc>(connection, 'case_subjects');
  }

  async get(caseType: CaseType, subjectId: string): Promise<{ openCaseId?: string; appliedEvents: string[] }> {
    const doc = await this.collection.findOne({ _id: subjectKey(caseType, subjectId) });
    return { openCaseId: doc?.openCaseId, appliedEvents: doc?.appliedEvents ?? [] };
  }

  /** Records that a signal was applied, and which case is now open (null: none). */
  async record(caseType: CaseType, subjectId: string, eventKey: string, openCaseId: string | null | undefined): Promise<void> {
    const update: Record<string, any> = {
      $setOnInsert: { caseType, subjectId },
      $push: { appliedEvents: { $each: [eventKey], $slice: -APPLIED_EVENTS_KEPT } },
    };
    if (openCaseId) update.$set = { openCaseId };
    if (openCaseId === null) update.$unset = { openCaseId: '' };
    await this.collection.updateOne({ _id: subjectKey(caseType, subjectId) }, update, { upsert: true });
  }

  /** Forgets the open case if it is still this one (resolved by hand: the next signal opens a new case). */
  async release(caseType: CaseType, subjectId: string, caseId: string): Promise<void> {
    await this.collection.updateOne({ _id: subjectKey(caseType, subjectId), openCaseId: caseId }, { $unset: { openCaseId: '' } });
  }

  /**
   * Claims the subject for a case about to be opened: succeeds only if no case is open on it
   * (or the one named in `expected` still is the pointer), so two signals processed at once — two
   * replicas' sweeps — never open two cases for one subject.
   */
  async claim(caseType: CaseType, subjectId: string, caseId: string, expected?: string): Promise<boolean> {
    const filter = { _id: subjectKey(caseType, subjectId), openCaseId: expected ?? { $exists: false } };
    try {
      const r = await this.collection.updateOne(
        filter as never,
        { $set: { openCaseId: caseId }, $setOnInsert: { caseType, subjectId, appliedEvents: [] } },
        { upsert: expected === undefined },
      );
      return r.matchedCount === 1 || r.upsertedCount === 1;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false; // the subject exists with a case open: lost the race
      throw e;
    }
  }
}
