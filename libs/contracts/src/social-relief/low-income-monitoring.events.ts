import { defineEvent, divisionCodeSchema, idSchema, instantSchema } from '../event-contract';
import { LowIncomeMonitoringTopic, SOCIAL_RELIEF_SOURCE } from './topics';

/**
 * What a low-income warning (低收入人口监测预警) is about: a change found by the monthly data comparison
 * (医疗支出, 残疾, 失业, 家庭成员死亡) or a household on a register due in the yearly campaign (集中排查).
 */
export const LOW_INCOME_WARNING_KINDS = ['medical-expense', 'disability', 'unemployment', 'death-in-household', 'annual-review'] as const;
export type LowIncomeWarningKind = (typeof LOW_INCOME_WARNING_KINDS)[number];

/** Warning grades: 1 (一级) most urgent, 3 (三级) least; each grade has its region's home-check limit. */
export const LOW_INCOME_WARNING_LEVELS = [1, 2, 3] as const;
export type LowIncomeWarningLevel = (typeof LOW_INCOME_WARNING_LEVELS)[number];

/** What the township's home check (入户核查) found. */
export const LOW_INCOME_CHECK_FINDINGS = ['no-change', 'needs-assistance', 'not-eligible'] as const;
export type LowIncomeCheckFinding = (typeof LOW_INCOME_CHECK_FINDINGS)[number];

/** A warning appears only by opaque references: the household, or the person when they are a household of one. */
interface WarningRef {
  warningId: string;
  subjectType: 'household' | 'person';
  /** The household id, or the person's opaque reference (never a name or ID number). */
  subjectRef: string;
  /** Where the subject lives (township or finer): the township checks. */
  divisionCode: string;
  kind: LowIncomeWarningKind;
  level: LowIncomeWarningLevel;
  /** The yearly campaign that made this check task, or null for a data-comparison warning. */
  campaignId: string | null;
}

export interface LowIncomeWarningOverdue extends WarningRef {
  /** When the warning was imported (or the campaign made the task). */
  raisedAt: string;
  /** Days the township had for the home check (the grade's limit in its region then). */
  limitDays: number;
  dueAt: string;
  detectedAt: string;
}

export interface LowIncomeWarningChecked extends WarningRef {
  finding: LowIncomeCheckFinding;
  /** When the home check was made. */
  checkedAt: string;
  recordedAt: string;
  /** Filed after the due time (the warning had been signalled overdue). */
  late: boolean;
  /** The relief application the check started (needs-assistance), or null. */
  applicationId: string | null;
}

const refProperties = {
  warningId: { ...idSchema, description: 'The warning (derived from the source record, or from the campaign and subject).' },
  subjectType: { enum: ['household', 'person'], description: 'A household, or a person who is a household of one.' },
  subjectRef: { ...idSchema, description: 'The household id or the opaque person reference.' },
  divisionCode: divisionCodeSchema,
  kind: { enum: [...LOW_INCOME_WARNING_KINDS], description: 'What the warning is about.' },
  level: { enum: [...LOW_INCOME_WARNING_LEVELS], description: 'Grade: 1 (一级) most urgent … 3 (三级).' },
  campaignId: { anyOf: [idSchema, { type: 'null' }], description: 'The yearly campaign (集中排查) of the task, or null.' },
};
const refRequired = ['warningId', 'subjectType', 'subjectRef', 'divisionCode', 'kind', 'level', 'campaignId'];
const refExample = {
  warningId: 'b1f0c6de-3f1a-5c2e-9a41-0d7e5c2f8a10',
  subjectType: 'household' as const,
  subjectRef: 'h-330521101-0007',
  divisionCode: '330521101',
  kind: 'medical-expense' as const,
  level: 2 as const,
  campaignId: null,
};

export const LowIncomeWarningOverdueV1 = defineEvent<LowIncomeWarningOverdue>({
  name: 'LowIncomeWarningOverdue',
  type: 'cn.gov.civilaffairs.social-relief.low-income-warning-overdue.v1',
  topic: LowIncomeMonitoringTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description:
    'A low-income warning was not checked at home (入户核查) within its grade’s limit: a risk that someone eligible goes without help (应救未救). Once per warning.',
  keyDescription: 'warningId',
  required: [...refRequired, 'raisedAt', 'limitDays', 'dueAt', 'detectedAt'],
  properties: {
    ...refProperties,
    raisedAt: { ...instantSchema, description: 'When the warning was imported or the task made.' },
    limitDays: { type: 'integer', minimum: 1, description: 'Days allowed for the home check.' },
    dueAt: { ...instantSchema, description: 'When the check was due.' },
    detectedAt: instantSchema,
  },
  example: {
    ...refExample,
    raisedAt: '2026-03-01T02:00:00.000Z',
    limitDays: 7,
    dueAt: '2026-03-08T02:00:00.000Z',
    detectedAt: '2026-03-08T02:00:05.000Z',
  },
  keyOf: (p) => p.warningId,
  subjectOf: (p) => p.warningId,
  regionOf: (p) => p.divisionCode,
});

export const LowIncomeWarningCheckedV1 = defineEvent<LowIncomeWarningChecked>({
  name: 'LowIncomeWarningChecked',
  type: 'cn.gov.civilaffairs.social-relief.low-income-warning-checked.v1',
  topic: LowIncomeMonitoringTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description:
    'The township filed its home check (入户核查) of a low-income warning: no change, needs assistance (an application started) or not eligible (登记备案). Once per warning; clears an overdue signal.',
  keyDescription: 'warningId',
  required: [...refRequired, 'finding', 'checkedAt', 'recordedAt', 'late', 'applicationId'],
  properties: {
    ...refProperties,
    finding: { enum: [...LOW_INCOME_CHECK_FINDINGS], description: 'What the check found.' },
    checkedAt: { ...instantSchema, description: 'When the home check was made.' },
    recordedAt: { ...instantSchema, description: 'When it was filed.' },
    late: { type: 'boolean', description: 'Filed after the due time.' },
    applicationId: { anyOf: [idSchema, { type: 'null' }], description: 'The application started, or null.' },
  },
  example: {
    ...refExample,
    finding: 'needs-assistance',
    checkedAt: '2026-03-05T03:00:00.000Z',
    recordedAt: '2026-03-05T04:00:00.000Z',
    late: false,
    applicationId: 'app-5d2c',
  },
  keyOf: (p) => p.warningId,
  subjectOf: (p) => p.warningId,
  regionOf: (p) => p.divisionCode,
});
