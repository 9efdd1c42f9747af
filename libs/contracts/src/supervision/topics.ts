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

export const AccountabilityTopic: TopicContract = {
  name: 'supervision.accountability.v1',
  partitions: 6,
  retentionMs: 365 * 24 * 60 * 60 * 1000,
  description: 'Accountability cases (问责) opened against units, townships or posts and their outcomes; keyed by accountability case id.',
};

export const DirectiveTopic: TopicContract = {
  name: 'supervision.directive.v1',
  partitions: 6,
  retentionMs: 180 * 24 * 60 * 60 * 1000,
  description:
    'Directives from higher levels and each target division filing or missing its implementing document and status report; keyed by directive id.',
};

export const InspectionTopic: TopicContract = {
  name: 'supervision.inspection.v1',
  partitions: 6,
  retentionMs: 180 * 24 * 60 * 60 * 1000,
  description:
    'Inspections (督查) of units, scheduled, started and completed; unannounced and covert ones appear only once started; keyed by inspection id.',
};

export const SelfInspectionTopic: TopicContract = {
  name: 'supervision.self-inspection.v1',
  partitions: 6,
  retentionMs: 180 * 24 * 60 * 60 * 1000,
  description:
    'Self-inspection tasks (自查自纠) sent to the peers of a unit where a finding was confirmed (举一反三): sent, reported back or missed; keyed by the peer unit id.',
};
