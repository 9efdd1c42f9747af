import { TopicContract } from '../event-contract';

export const SUPERVISION_SOURCE = '/civil-affairs/supervision';

export const CaseTopic: TopicContract = {
  name: 'supervision.case.v1',
  partitions: 6,
  retentionMs: 90 * 24 * 60 * 60 * 1000,
  description: 'Supervision cases opened from signals, escalated up the ladder and resolved; keyed by case id.',
};

export const RectificationIssueTopic: TopicContract = {
  name: 'supervision.rectification-issue.v1',
  partitions: 6,
  retentionMs: 180 * 24 * 60 * 60 * 1000,
  description: 'Issues found by inspections, from rectification notice to sign-off (销号) or reopening; keyed by issue id.',
};
