import { dataSchemaUri, EventContract, idSchema, instantSchema } from '../event-contract';
import { SupplyTopic, INSTITUTION_MONITORING_SOURCE } from './topics';
import { UnitRef, unitRefProperties, unitRefRequired } from './unit-ref';

/** Items a unit must hold at least a month of (至少1个月的防疫物资储备). */
export const SUPPLY_ITEMS = [
  'masks',
  'protective-suits',
  'goggles',
  'disinfectant',
  'drugs',
  'test-reagents',
  'first-aid-equipment',
] as const;
export type SupplyItem = (typeof SUPPLY_ITEMS)[number];

/** The floor, in days of cover, from the source documents. */
export const SUPPLY_FLOOR_DAYS = 30;

export interface SupplyShortageDetected extends UnitRef {
  /** Id of the shortage episode (one per unit, item and episode). */
  episodeId: string;
  item: SupplyItem;
  /** Units of stock on hand. */
  stock: number;
  /** Units used per day. */
  dailyUse: number;
  /** stock / dailyUse, rounded down. */
  daysOfCover: number;
  /** The floor it fell below. */
  floorDays: number;
  /** When it was found below the floor. */
  detectedAt: string;
}

export interface SupplyShortageCleared extends UnitRef {
  /** The episode this ends. */
  episodeId: string;
  item: SupplyItem;
  /** Days of cover after restocking. */
  daysOfCover: number;
  floorDays: number;
  /** When it was found back at or above the floor. */
  clearedAt: string;
}

const detectedType = 'cn.gov.civilaffairs.institution.supply-shortage-detected.v1';
const clearedType = 'cn.gov.civilaffairs.institution.supply-shortage-cleared.v1';
const itemSchema = { enum: [...SUPPLY_ITEMS], description: 'The supply item.' };

export const SupplyShortageDetectedV1: EventContract<SupplyShortageDetected> = {
  name: 'SupplyShortageDetected',
  type: detectedType,
  version: 1,
  topic: SupplyTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'An item’s stock fell below 30 days of cover. Once per item per episode, not every day it stays low.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(detectedType),
    type: 'object',
    required: [...unitRefRequired, 'episodeId', 'item', 'stock', 'dailyUse', 'daysOfCover', 'floorDays', 'detectedAt'],
    properties: {
      ...unitRefProperties,
      episodeId: { ...idSchema, description: 'Id of the shortage episode.' },
      item: itemSchema,
      stock: { type: 'number', minimum: 0, description: 'Stock on hand.' },
      dailyUse: { type: 'number', minimum: 0, description: 'Used per day.' },
      daysOfCover: { type: 'integer', minimum: 0, description: 'stock / dailyUse, rounded down.' },
      floorDays: { type: 'integer', minimum: 1, description: 'The floor it fell below.' },
      detectedAt: { ...instantSchema, description: 'When it was found below the floor.' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    episodeId: 'u-330521-0001:masks:3',
    item: 'masks',
    stock: 2400,
    dailyUse: 120,
    daysOfCover: 20,
    floorDays: 30,
    detectedAt: '2026-03-04T03:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.episodeId,
  regionOf: (p) => p.divisionCode,
};

export const SupplyShortageClearedV1: EventContract<SupplyShortageCleared> = {
  name: 'SupplyShortageCleared',
  type: clearedType,
  version: 1,
  topic: SupplyTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'An item was restocked to at least 30 days of cover, ending its shortage episode.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(clearedType),
    type: 'object',
    required: [...unitRefRequired, 'episodeId', 'item', 'daysOfCover', 'floorDays', 'clearedAt'],
    properties: {
      ...unitRefProperties,
      episodeId: { ...idSchema, description: 'The episode this ends.' },
      item: itemSchema,
      daysOfCover: { type: 'integer', minimum: 0, description: 'Days of cover after restocking.' },
      floorDays: { type: 'integer', minimum: 1, description: 'The floor.' },
      clearedAt: { ...instantSchema, description: 'When it was back at or above the floor.' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    episodeId: 'u-330521-0001:masks:3',
    item: 'masks',
    daysOfCover: 45,
    floorDays: 30,
    clearedAt: '2026-03-06T03:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.episodeId,
  regionOf: (p) => p.divisionCode,
};

/**
 * A stock count found less of an item than the last count, the receipts since and the recorded
 * daily use leave (挪用 suspicion: reserves gone without recorded use).
 */
export interface SupplyStockUnaccounted extends UnitRef {
  /** Id of the finding: the unit, the item and the count that found it. */
  findingId: string;
  item: SupplyItem;
  /** Stock the records leave: the last count plus receipts, less daily use × days since. */
  expectedStock: number;
  /** Stock the new count found. */
  countedStock: number;
  /** expectedStock − countedStock. */
  unaccounted: number;
  /** Recorded use per day over the period. */
  dailyUse: number;
  /** Beijing days between the two counts. */
  daysSinceLastCount: number;
  /** When the earlier count (with receipts since) was recorded. */
  lastCountAt: string;
  /** When the count that found it was recorded. */
  detectedAt: string;
}

const unaccountedType = 'cn.gov.civilaffairs.institution.supply-stock-unaccounted.v1';

export const SupplyStockUnaccountedV1: EventContract<SupplyStockUnaccounted> = {
  name: 'SupplyStockUnaccounted',
  type: unaccountedType,
  version: 1,
  topic: SupplyTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description:
    'A stock count found an item lower than the last count, the receipts since and the recorded daily use leave, by more than the region allows (挪用 suspicion). Once per count.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(unaccountedType),
    type: 'object',
    required: [
      ...unitRefRequired,
      'findingId',
      'item',
      'expectedStock',
      'countedStock',
      'unaccounted',
      'dailyUse',
      'daysSinceLastCount',
      'lastCountAt',
      'detectedAt',
    ],
    properties: {
      ...unitRefProperties,
      findingId: { ...idSchema, description: 'Id of the finding (unit, item, count).' },
      item: itemSchema,
      expectedStock: { type: 'number', minimum: 0, description: 'Stock the records leave.' },
      countedStock: { type: 'number', minimum: 0, description: 'Stock the new count found.' },
      unaccounted: { type: 'number', exclusiveMinimum: 0, description: 'expectedStock − countedStock.' },
      dailyUse: { type: 'number', minimum: 0, description: 'Recorded use per day.' },
      daysSinceLastCount: { type: 'integer', minimum: 0, description: 'Beijing days between the counts.' },
      lastCountAt: { ...instantSchema, description: 'When the earlier figures were recorded.' },
      detectedAt: { ...instantSchema, description: 'When the count that found it was recorded.' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    findingId: 'u-330521-0001:masks:7',
    item: 'masks',
    expectedStock: 3600,
    countedStock: 1200,
    unaccounted: 2400,
    dailyUse: 120,
    daysSinceLastCount: 5,
    lastCountAt: '2026-03-01T03:00:00.000Z',
    detectedAt: '2026-03-06T03:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.findingId,
  regionOf: (p) => p.divisionCode,
};
