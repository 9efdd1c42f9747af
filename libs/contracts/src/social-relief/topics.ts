import { TopicContract } from '../event-contract';

const DAY = 24 * 60 * 60 * 1000;

export const SOCIAL_RELIEF_SOURCE = '/civil-affairs/social-relief';

export const KeyPersonTopic: TopicContract = {
  name: 'social-relief.key-person.v1',
  partitions: 6,
  retentionMs: 90 * DAY,
  description: 'Key-person list signals (重点人群清单): overdue visits and raised risk flags, keyed by list entry id.',
};

export const HouseholdTopic: TopicContract = {
  name: 'social-relief.household.v1',
  partitions: 6,
  retentionMs: 90 * DAY,
  description: 'Household category decisions, phase-out (渐退期) and exits, keyed by household id.',
};

export const ApplicationTopic: TopicContract = {
  name: 'social-relief.application.v1',
  partitions: 6,
  retentionMs: 180 * DAY,
  description: 'Relief applications through 申请 → 受理 → 审核 → 认定 → 发放 and their overdue signals, keyed by application id.',
};

export const BenefitTopic: TopicContract = {
  name: 'social-relief.benefit.v1',
  partitions: 12,
  retentionMs: 180 * DAY,
  description: 'Entitlements issued by benefit rounds and their redemption, keyed by beneficiary reference.',
};

export const ReliefStatusTopic: TopicContract = {
  name: 'social-relief.relief-status.v1',
  partitions: 6,
  retentionMs: 365 * DAY,
  description:
    'Which relief registers a person is on, by keyed person hash (never the ID number), for other services’ copies (e.g. funeral fee waivers); keyed by person key.',
};

export const AreaRiskTopic: TopicContract = {
  name: 'social-relief.area-risk.v1',
  partitions: 3,
  retentionMs: 365 * DAY,
  description: 'Epidemic risk level of an area (low / medium / high) as set by an authorised officer, keyed by division code.',
};

export const LowIncomeMonitoringTopic: TopicContract = {
  name: 'social-relief.low-income-monitoring.v1',
  partitions: 6,
  retentionMs: 365 * DAY,
  description:
    'Low-income dynamic monitoring (低收入人口动态监测): warnings past their home-check (入户核查) limit and the checks filed on them, keyed by warning id.',
};
