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

export const ResidentTopic: TopicContract = {
  name: 'institution-monitoring.resident.v1',
  partitions: 6,
  retentionMs: 90 * DAY,
  description: 'Health events about residents (symptom cases, transfers to hospital, deaths), keyed by unit id. Never names or ID numbers.',
};

export const SupplyTopic: TopicContract = {
  name: 'institution-monitoring.supply.v1',
  partitions: 6,
  retentionMs: 30 * DAY,
  description: 'Supply shortage episodes (below 30 days of cover) opened and cleared, keyed by unit id.',
};

export const VaccinationTopic: TopicContract = {
  name: 'institution-monitoring.vaccination.v1',
  partitions: 6,
  retentionMs: 30 * DAY,
  description: 'Vaccination coverage falling below the 91.2% floor and restored, keyed by unit id.',
};

export const ServiceWindowTopic: TopicContract = {
  name: 'institution-monitoring.service-window.v1',
  partitions: 6,
  retentionMs: 90 * DAY,
  description:
    'Service windows (婚姻登记): days suspended by an advance notice and the appointments cancelled by it, keyed by unit id. Appointment refs only, never names or phones.',
};

export const PlacementTopic: TopicContract = {
  name: 'institution-monitoring.placement.v1',
  partitions: 6,
  retentionMs: 90 * DAY,
  description:
    'Adoption placements (送养) and returns of rescued people to their families (送返寻亲) put on hold by closed management and resumed when it ends, keyed by unit id. Placement refs only.',
};
