import { TopicContract } from '../event-contract';

const DAY = 24 * 60 * 60 * 1000;

export const FUNERAL_OPERATIONS_SOURCE = '/civil-affairs/funeral-operations';

export const FuneralCaseTopic: TopicContract = {
  name: 'funeral-operations.case.v1',
  partitions: 6,
  retentionMs: 180 * DAY,
  description: 'Funeral cases from intake to remains released (custody moves, cremation), keyed by case id. No names or ID numbers.',
};

export const EquipmentTopic: TopicContract = {
  name: 'funeral-operations.equipment.v1',
  partitions: 6,
  retentionMs: 90 * DAY,
  description: 'Vehicles and cremators: faults, repairs and missed daily checks, keyed by equipment id.',
};

export const FuneralHomeTopic: TopicContract = {
  name: 'funeral-operations.home.v1',
  partitions: 6,
  retentionMs: 90 * DAY,
  description: 'Funeral homes: capacity strained / recovered, missed disinfection rounds, keyed by home id.',
};

export const CeremonyTopic: TopicContract = {
  name: 'funeral-operations.ceremony.v1',
  partitions: 3,
  retentionMs: 365 * DAY,
  description: 'Ceremony suspension orders per region (守灵, 遗体告别, 祭祀), keyed by order id.',
};
