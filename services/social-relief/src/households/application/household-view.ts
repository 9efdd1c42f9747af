import { HOUSEHOLD_CATEGORY_LABELS, HouseholdCategory } from '@civil/contracts';
import { personView } from '../../people/application/person-view';
import type { Person } from '../../people/domain/person';
import { isExcludedIncome } from '../domain/category';
import { Household, HouseholdAssessment } from '../domain/household';
import {
  EXPENDITURE_POVERTY_RULE_LABELS,
  EXPENSE_KIND_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  INCOME_KIND_LABELS,
  MEMBER_FLAG_LABELS,
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
    phaseOutHistory: h.phaseOutHistory.map((r) => ({ ...r, label: PHASE_OUT_EVENT_LABELS[r.what] })),
    createdAt: h.createdAt,
    createdBy: h.createdBy,
    updatedAt: h.updatedAt,
  };
}
