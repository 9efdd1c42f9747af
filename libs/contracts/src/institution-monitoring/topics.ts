import { TopicContract } from '../event-contract';

const DAY = 24 * 60 * 60 * 1000;

export const INSTITUTION_MONITORING_SOURCE = '/civil-affairs/institution-monitoring';

export const InstitutionTopic: TopicContract = {
  name: 'institution-monitoring.institution.v1',
  partitions: 6,
  retentionMs: 30 * DAY,
  description: 'Registry changes of supervised units (养老机构, 儿童福利机构, 救助管理站 …), keyed by unit id.',
};

export const DailyReportTopic: TopicContract = {
  name: 'institution-monitoring.daily-report.v1',
  partitions: 6,
  retentionMs: 30 * DAY,
  description: 'Daily reports (日报告/零报告) and missed reports, keyed by unit id so a unit’s reporting history stays in order.',
};
