import { Injectable } from '@nestjs/common';
import {
  ACCOUNTABILITY_OUTCOMES,
  ACCOUNTABILITY_TRIGGERS,
  AccountabilityOutcome,
  AccountabilitySubject,
  AccountabilityTrigger,
} from '@civil/contracts';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError, divisionAncestors } from '@civil/kernel';
import { assertCovers, assertFoundWithin, InjectClock, isUnitScoped, Principal } from '@civil/platform';
import {
  ACCOUNTABILITY_STATUSES,
  AccountabilityCase,
  checkSubject,
  decideOutcome,
  EvidenceLink,
  isSubjectOfficer,
  openAccountabilityCase,
  visibleToUnit,
} from '../domain/accountability-case';

/** Discipline officers and admins handle inquiries; everyone else is kept from open ones about their own office. */
/** Unknown, or outside the caller's reach: the same answer. */
const caseNotFound = (id: string) => DomainError.notFound('AccountabilityCaseNotFound', `no accountability case ${id}`);

const overseesInquiries = (by: Principal) => by.roles.includes('discipline-officer') || by.roles.includes('admin');
import { AccountabilityCaseFilter, AccountabilityCaseRepository } from '../infrastructure/accountability-case.repository';

/** A summary counts at most this many cases (a province's cases over years stay well below). */
const SUMMARY_MAX = 50_000;

export interface AccountabilitySummary {
  divisionCode: string;
  total: number;
  byStatus: Record<string, number>;
  byOutcome: Record<string, number>;
  byTrigger: Record<string, number>;
}

/** Accountability cases opened by hand and the decision on each; the reads officers and units get. */
@Injectable()
export class AccountabilityService {
  constructor(
    private readonly cases: AccountabilityCaseRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async open(
    input: { trigger: AccountabilityTrigger; subject: AccountabilitySubject; evidence: EvidenceLink[]; summary?: string },
    by: Principal,
  ): Promise<AccountabilityCase> {
    checkSubject(input.subject);
    assertCovers(by, input.subject.divisionCode);
    const now = this.clock.now();
    const c = openAccountabilityCase(
      {
        accountabilityCaseId: `ac-${randomUUID()}`,
        trigger: input.trigger,
        subject: input.subject,
        evidence: input.evidence,
        sourceCaseId: null,
        summary: input.summary,
        openedBy: by.sub,
      },
      divisionAncestors(input.subject.divisionCode),
      now,
    );
    if (!(await this.cases.store.create(c, [{ type: 'opened' }])))
      throw DomainError.conflict('DuplicateCase', `accountability case ${c.accountabilityCaseId} exists`);
    return c;
  }

  async decide(id: string, decision: { outcome: AccountabilityOutcome; reason?: string }, by: Principal): Promise<AccountabilityCase> {
    // someone else writing meanwhile makes the store read again, so a concurrent decision is seen as a conflict
    const { state } = await this.cases.store.change(
      id,
      (current) => {
        assertFoundWithin(by, () => caseNotFound(id), current.divisionCode);
        return { next: decideOutcome(current, decision, by.sub, this.clock.now()), changes: [{ type: 'decided' }] };
      },
      () => caseNotFound(id),
    );
    return state;
  }

  async get(id: string, by: Principal): Promise<AccountabilityCase> {
    const c = (await this.cases.get(id))?.value;
    if (!c) throw caseNotFound(id);
    assertFoundWithin(by, () => caseNotFound(id), c.divisionCode);
    // an open inquiry, or one about another unit, does not exist as far as unit staff can tell
    if (isUnitScoped(by) && !visibleToUnit(c, by.unitId)) throw caseNotFound(id);
    if (c.status === 'opened' && !overseesInquiries(by) && isSubjectOfficer(c, by.jurisdiction)) throw caseNotFound(id);
    return c;
  }

  list(
    by: Principal,
    query: { status?: string; trigger?: string; outcome?: string },
    limit: number,
    skip: number,
  ): Promise<AccountabilityCase[]> {
    return this.cases.list(this.filterFor(by, by.jurisdiction, query), limit, skip);
  }

  /** Counts for the workload view: by status, by outcome (decided cases), by trigger. */
  async summary(by: Principal, options: { divisionCode?: string } = {}): Promise<AccountabilitySummary> {
    const divisionCode = options.divisionCode ?? by.jurisdiction;
    assertCovers(by, divisionCode);
    const rows = await this.cases.countable(this.filterFor(by, divisionCode, {}), SUMMARY_MAX);
    const byStatus = Object.fromEntries(ACCOUNTABILITY_STATUSES.map((s) => [s, 0]));
    const byOutcome = Object.fromEntries(ACCOUNTABILITY_OUTCOMES.map((o) => [o, 0]));
    const byTrigger = Object.fromEntries(ACCOUNTABILITY_TRIGGERS.map((t) => [t, 0]));
    for (const r of rows) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      if (r.outcome) byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
      byTrigger[r.trigger] = (byTrigger[r.trigger] ?? 0) + 1;
    }
    return { divisionCode, total: rows.length, byStatus, byOutcome, byTrigger };
  }

  private filterFor(
    by: Principal,
    jurisdiction: string,
    query: { status?: string; trigger?: string; outcome?: string },
  ): AccountabilityCaseFilter {
    return {
      jurisdiction,
      ...query,
      unitId: isUnitScoped(by) ? (by.unitId ?? '') : undefined,
      notOpenAbout: overseesInquiries(by) ? undefined : by.jurisdiction,
    };
  }
}
