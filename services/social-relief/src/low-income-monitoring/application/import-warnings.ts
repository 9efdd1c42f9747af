import { Injectable } from '@nestjs/common';
import type { LowIncomeWarningKind } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors, DomainError, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, Principal, reaches } from '@civil/platform';
import { HouseholdRegisters } from '../../households/application/household-registers';
import { PersonRegistry } from '../../people/application/person-registry';
import { subjectOf } from '../domain/campaign';
import { raiseWarning, WarningSubjectType } from '../domain/low-income-warning';
import { LowIncomeWarningRepository } from '../infrastructure/low-income-warning.repository';
import { WarningGrading } from './warning-grading';

export interface ImportRecord {
  /** The department whose comparison found it (医保, 残联, 人社, 公安, 卫健 …). */
  source: string;
  /** The record's id in that source: importing it again changes nothing. */
  sourceRecordId: string;
  kind: Exclude<LowIncomeWarningKind, 'annual-review'>;
  divisionCode: string;
  householdId?: string;
  personId?: string;
  idNumber?: string;
  comparedOn?: string;
}

export type ImportOutcome = 'created' | 'already-imported';

/**
 * Imports a batch of warnings from the monthly data comparison (每月数据比对). Each record names its
 * household, or a person (by id or ID number), who is checked as the household whose category put
 * them on a register, or as a household of one. The warning id is derived from source and record
 * id, so importing a batch again (or a record in two batches) makes each warning once. Every record
 * is checked before any is written: a bad record refuses the batch with its index in the field.
 */
@Injectable()
export class ImportWarnings {
  constructor(
    private readonly warnings: LowIncomeWarningRepository,
    private readonly grading: WarningGrading,
    private readonly households: HouseholdRegisters,
    private readonly people: PersonRegistry,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(records: readonly ImportRecord[], by: Principal) {
    const now = this.clock.now();
    const resolved: { r: ImportRecord; subject: { type: WarningSubjectType; id: string } }[] = [];
    for (const [i, r] of records.entries()) {
      const field = (f: string) => `records.${i}.${f}`;
      assertCovers(by, r.divisionCode);
      resolved.push({ r, subject: await this.subjectOf(r, field, by, now) });
    }
    const results: { sourceRecordId: string; warningId: string; outcome: ImportOutcome; level: number; dueAt: string }[] = [];
    for (const { r, subject } of resolved) {
      const warningId = deterministicId('low-income-warning', r.source, r.sourceRecordId);
      const rules = await this.grading.rulesFor(r.divisionCode, now);
      const warning = raiseWarning(
        {
          warningId,
          source: r.source,
          sourceRecordId: r.sourceRecordId,
          kind: r.kind,
          subjectType: subject.type,
          subjectId: subject.id,
          divisionCode: r.divisionCode,
          divisionAncestors: divisionAncestors(r.divisionCode),
          comparedOn: r.comparedOn ?? null,
          by: by.sub,
        },
        rules,
        now,
      );
      const created = await this.warnings.store.create(warning, []);
      const stored = created ? warning : (await this.warnings.get(warningId))!.value;
      results.push({
        sourceRecordId: r.sourceRecordId,
        warningId,
        outcome: created ? 'created' : 'already-imported',
        level: stored.level,
        dueAt: stored.dueAt.toISOString(),
      });
    }
    return {
      imported: results.filter((x) => x.outcome === 'created').length,
      alreadyImported: results.filter((x) => x.outcome === 'already-imported').length,
      results,
    };
  }

  private async subjectOf(r: ImportRecord, field: (f: string) => string, by: Principal, now: Date) {
    const given = [r.householdId, r.personId, r.idNumber].filter((x) => x !== undefined).length;
    if (given !== 1) {
      throw DomainError.invalid('SubjectRequired', 'give exactly one of householdId, personId or idNumber', {
        field: field('householdId'),
      });
    }
    if (r.householdId) {
      const unknown = () => DomainError.invalid('UnknownHousehold', `no household ${r.householdId}`, { field: field('householdId') });
      const h = await this.households.find(r.householdId);
      if (!h || !reaches(by, h.divisionCode)) throw unknown();
      return { type: 'household' as const, id: h.householdId };
    }
    const f = r.personId ? field('personId') : field('idNumber');
    const person = r.personId ? await this.people.get(r.personId) : await this.findByIdNumber(r.idNumber!, f);
    if (!person || !reaches(by, person.divisionCode))
      throw DomainError.invalid('UnknownPerson', 'no such person in your jurisdiction', { field: f });
    return subjectOf(person.memberships, person.personId, shanghaiDate(now)) ?? { type: 'person' as const, id: person.personId };
  }

  private async findByIdNumber(idNumber: string, field: string) {
    try {
      return await this.people.findByIdNumber(idNumber);
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'invalid') throw new DomainError('invalid', e.code, e.message, { ...e.details, field });
      throw e;
    }
  }
}
