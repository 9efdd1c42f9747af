import { defineEvent, divisionCodeSchema, fenSchema, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { HouseholdTopic, SOCIAL_RELIEF_SOURCE } from './topics';
import { HOUSEHOLD_CATEGORIES, HouseholdCategory } from './vocabulary';

export interface HouseholdCategoryDetermined {
  householdId: string;
  divisionCode: string;
  category: HouseholdCategory;
  previousCategory: HouseholdCategory | null;
  /** Members counted. */
  members: number;
  /** Counted monthly income per member (fen), after exclusions and imputed income. */
  incomePerMemberFen: number;
  /** Income per member after rigid expenses (fen). */
  incomeAfterRigidExpensesPerMemberFen: number;
  /** The local 低保 standard per member per month (fen). */
  standardFen: number;
  /** The region's 低保边缘 multiplier (1.5 or 2). */
  nearDibaoMultiplier: number;
  /** Monthly benefit for the household (fen): the gap to the standard plus supplements. */
  monthlyBenefitFen: number;
  determinedAt: string;
}

export interface HouseholdPhaseOutStarted {
  householdId: string;
  divisionCode: string;
  /** The category it keeps during the phase-out (渐退期). */
  category: HouseholdCategory;
  incomePerMemberFen: number;
  standardFen: number;
  startedAt: string;
  /** Last day of the phase-out; the household exits after it. */
  endsOn: string;
}

export interface HouseholdExited {
  householdId: string;
  divisionCode: string;
  previousCategory: HouseholdCategory;
  reason: 'phase-out-ended' | 'no-longer-eligible' | 'moved-away' | 'deceased';
  exitedAt: string;
}

const householdId = { ...idSchema, description: 'The household.' };
const categorySchema = { enum: [...HOUSEHOLD_CATEGORIES] };

export const HouseholdCategoryDeterminedV1 = defineEvent<HouseholdCategoryDetermined>({
  name: 'HouseholdCategoryDetermined',
  type: 'cn.gov.civilaffairs.social-relief.household-category-determined.v1',
  topic: HouseholdTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'A household’s category (低保 / 低保边缘 / 支出型 / none) was decided by rule from its members, incomes and rigid expenses.',
  keyDescription: 'householdId',
  required: [
    'householdId',
    'divisionCode',
    'category',
    'previousCategory',
    'members',
    'incomePerMemberFen',
    'incomeAfterRigidExpensesPerMemberFen',
    'standardFen',
    'nearDibaoMultiplier',
    'monthlyBenefitFen',
    'determinedAt',
  ],
  properties: {
    householdId,
    divisionCode: divisionCodeSchema,
    category: { ...categorySchema, description: 'The category decided.' },
    previousCategory: { anyOf: [categorySchema, { type: 'null' }], description: 'The category before, or null.' },
    members: { type: 'integer', minimum: 1, description: 'Members counted.' },
    incomePerMemberFen: { ...fenSchema, description: 'Counted monthly income per member (fen).' },
    incomeAfterRigidExpensesPerMemberFen: {
      type: 'integer',
      description: 'Income per member after rigid expenses (fen); may be negative.',
    },
    standardFen: { ...fenSchema, description: 'Local 低保 standard per member per month (fen).' },
    nearDibaoMultiplier: { type: 'number', minimum: 1, description: 'The region’s 低保边缘 multiplier.' },
    monthlyBenefitFen: { ...fenSchema, description: 'Monthly benefit (fen).' },
    determinedAt: instantSchema,
  },
  example: {
    householdId: 'hh-330521101-0042',
    divisionCode: '330521101',
    category: 'dibao',
    previousCategory: null,
    members: 3,
    incomePerMemberFen: 61000,
    incomeAfterRigidExpensesPerMemberFen: 61000,
    standardFen: 105000,
    nearDibaoMultiplier: 1.5,
    monthlyBenefitFen: 152000,
    determinedAt: '2026-03-04T03:00:00.000Z',
  },
  keyOf: (p) => p.householdId,
  subjectOf: (p) => p.householdId,
  regionOf: (p) => p.divisionCode,
});

export const HouseholdPhaseOutStartedV1 = defineEvent<HouseholdPhaseOutStarted>({
  name: 'HouseholdPhaseOutStarted',
  type: 'cn.gov.civilaffairs.social-relief.household-phase-out-started.v1',
  topic: HouseholdTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'A household’s income rose above the standard: it keeps its benefit through a 6-month phase-out (渐退期), then exits.',
  keyDescription: 'householdId',
  required: ['householdId', 'divisionCode', 'category', 'incomePerMemberFen', 'standardFen', 'startedAt', 'endsOn'],
  properties: {
    householdId,
    divisionCode: divisionCodeSchema,
    category: { ...categorySchema, description: 'Category kept during the phase-out.' },
    incomePerMemberFen: fenSchema,
    standardFen: fenSchema,
    startedAt: instantSchema,
    endsOn: { ...localDateSchema, description: 'Last day of the phase-out.' },
  },
  example: {
    householdId: 'hh-330521101-0042',
    divisionCode: '330521101',
    category: 'dibao',
    incomePerMemberFen: 118000,
    standardFen: 105000,
    startedAt: '2026-03-04T03:00:00.000Z',
    endsOn: '2026-09-03',
  },
  keyOf: (p) => p.householdId,
  subjectOf: (p) => p.householdId,
  regionOf: (p) => p.divisionCode,
});

export const HouseholdExitedV1 = defineEvent<HouseholdExited>({
  name: 'HouseholdExited',
  type: 'cn.gov.civilaffairs.social-relief.household-exited.v1',
  topic: HouseholdTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'A household left its relief category (after the phase-out, or no longer eligible).',
  keyDescription: 'householdId',
  required: ['householdId', 'divisionCode', 'previousCategory', 'reason', 'exitedAt'],
  properties: {
    householdId,
    divisionCode: divisionCodeSchema,
    previousCategory: categorySchema,
    reason: { enum: ['phase-out-ended', 'no-longer-eligible', 'moved-away', 'deceased'], description: 'Why it exited.' },
    exitedAt: instantSchema,
  },
  example: {
    householdId: 'hh-330521101-0042',
    divisionCode: '330521101',
    previousCategory: 'dibao',
    reason: 'phase-out-ended',
    exitedAt: '2026-09-04T00:00:00.000Z',
  },
  keyOf: (p) => p.householdId,
  subjectOf: (p) => p.householdId,
  regionOf: (p) => p.divisionCode,
});
