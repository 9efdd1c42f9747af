import { HOUSEHOLD_CATEGORY_LABELS, HouseholdCategory } from '@civil/contracts';
import { personView } from '../../people/application/person-view';
import type { Person } from '../../people/domain/person';
import { isExcludedIncome } from '../domain/category';
import { Household, HouseholdAssessment, PhaseOutRecord } from '../domain/household';
import { HouseholdRecheck, RECHECK_CLASS_LABELS, RECHECK_OUTCOME_LABELS, RecheckRecord } from '../domain/recheck';
import {
  EXPENDITURE_POVERTY_RULE_LABELS,
  EXPENSE_KIND_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  INCOME_KIND_LABELS,
  MEMBER_FLAG_LABELS,
  HOUSEHOLD_EXIT_REASON_LABELS,
  PHASE_OUT_EVENT_LABELS,
  RELATION_LABELS,
  SINGLE_PERSON_DIBAO_REASON_LABELS,
  SUPPLEMENT_KIND_LABELS,
} from '../domain/household-vocabulary';

const categoryLabel = (c: HouseholdCategory | null) => (c ? HOUSEHOLD_CATEGORY_LABELS[c] : null);

export function assessmentView(a: HouseholdAssessment) {
  return {
    ...a,
    categoryLabel: HOUSEHOLD_CATEGORY_LABELS[a.category],
    previousCategoryLabel: categoryLabel(a.previousCategory),
    supplements: a.supplements.map((s) => ({ ...s, label: SUPPLEMENT_KIND_LABELS[s.kind] })),
    // assessments recorded before these rules carry neither field
    expenditurePovertyRuleLabel: a.expenditurePovertyRule ? EXPENDITURE_POVERTY_RULE_LABELS[a.expenditurePovertyRule] : null,
    singlePersonDibao: (a.singlePersonDibao ?? []).map((s) => ({ ...s, label: SINGLE_PERSON_DIBAO_REASON_LABELS[s.reason] })),
  };
}

export function recheckRecordView(r: RecheckRecord) {
  return { ...r, outcomeLabel: RECHECK_OUTCOME_LABELS[r.outcome], recheckClassLabel: RECHECK_CLASS_LABELS[r.recheckClass] };
}

/** The re-check schedule (定期核查) with its records, newest last; null for a household never on a register since re-checks. */
export function recheckView(r: HouseholdRecheck | undefined) {
  if (!r) return null;
  return {
    recheckClass: r.recheckClass,
    recheckClassLabel: RECHECK_CLASS_LABELS[r.recheckClass],
    since: r.since,
    dueOn: r.dueOn,
    cadenceMonths: r.cadenceMonths,
    missedDueOn: r.missedDueOn,
    records: r.records.map(recheckRecordView),
  };
}

const phaseOutRecordLabel = (r: PhaseOutRecord) =>
  r.what === 'exited' && r.reason ? HOUSEHOLD_EXIT_REASON_LABELS[r.reason] : PHASE_OUT_EVENT_LABELS[r.what];

/** What screens show of a household: members masked (personView), every value with its zh-CN label. */
export function householdView(h: Household, persons: Map<string, Person>, today: string) {
  const latest = h.assessments.at(-1);
  return {
    householdId: h.householdId,
    divisionCode: h.divisionCode,
    status: h.status,
    statusLabel: HOUSEHOLD_STATUS_LABELS[h.status],
    assessedCategory: h.assessedCategory,
    assessedCategoryLabel: categoryLabel(h.assessedCategory),
    enrolledCategory: h.enrolledCategory,
    enrolledCategoryLabel: categoryLabel(h.enrolledCategory),
    members: h.members.map((m) => {
      const p = persons.get(m.personId);
      return {
        ...(p ? personView(p, today) : { personId: m.personId }),
        relation: m.relation,
        relationLabel: RELATION_LABELS[m.relation],
        flags: m.flags,
        flagLabels: m.flags.map((f) => MEMBER_FLAG_LABELS[f]),
        canWork: m.canWork,
      };
    }),
    incomes: h.incomes.map((i) => ({ ...i, kindLabel: INCOME_KIND_LABELS[i.kind], counted: !isExcludedIncome(i.kind) })),
    expenses: h.expenses.map((e) => ({ ...e, kindLabel: EXPENSE_KIND_LABELS[e.kind] })),
    latestAssessment: latest ? assessmentView(latest) : null,
    assessments: h.assessments.length,
    enrolments: h.enrolments.map((e) => ({ ...e, categoryLabel: HOUSEHOLD_CATEGORY_LABELS[e.category] })),
    phaseOut: h.phaseOut,
    phaseOutHistory: h.phaseOutHistory.map((r) => ({ ...r, label: phaseOutRecordLabel(r) })),
    recheck: recheckView(h.recheck),
    createdAt: h.createdAt,
    createdBy: h.createdBy,
    updatedAt: h.updatedAt,
  };
}
