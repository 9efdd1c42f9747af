import type { ReliefRegister } from '@civil/contracts';
import { deterministicId, DomainError } from '@civil/kernel';
import type { RegisterMembership } from '../../people/domain/person';

/**
 * The yearly campaign (每年一次集中排查, seed 003 篇八): one pass over the register roll of a county
 * (or wider division) making one home-check task per household on 低保, 低保边缘, 支出型 or 特困 on
 * the campaign's day. It walks the roll's buckets in order and keeps its cursor (the next bucket),
 * so a run that stops is resumed by the next run and a task is never made twice.
 */

/** The registers whose households the campaign checks. */
export const CAMPAIGN_REGISTERS: readonly ReliefRegister[] = [
  'dibao',
  'near-dibao',
  'expenditure-poverty',
  'dispersed-extreme-poverty',
  'concentrated-extreme-poverty',
];

export type CampaignStatus = 'open' | 'running' | 'completed';

export interface Campaign {
  campaignId: string;
  year: number;
  /** County (or wider) the campaign covers. */
  divisionCode: string;
  divisionAncestors: string[];
  /** Registers are read as they stand at the end of this day (Beijing). */
  snapshotDate: string;
  status: CampaignStatus;
  /** The next roll bucket to read. */
  cursor: number;
  /** Tasks made so far (by this campaign's runs). */
  tasksCreated: number;
  createdAt: Date;
  createdBy: string;
  completedAt: Date | null;
}

export function openCampaign(input: Omit<Campaign, 'status' | 'cursor' | 'tasksCreated' | 'completedAt'>): Campaign {
  if (!/^\d{2}(\d{2}(\d{2})?)?$/.test(input.divisionCode)) {
    throw DomainError.invalid('InvalidDivisionCode', 'a campaign covers a county or a wider division', { field: 'divisionCode' });
  }
  return { ...input, status: 'open', cursor: 0, tasksCreated: 0, completedAt: null };
}

/** The campaign's cursor moved past a page of buckets; completed when it passed the last. */
export function advance(c: Campaign, nextCursor: number, tasks: number, lastBucket: number, at: Date): Campaign {
  if (c.status === 'completed') return c;
  if (nextCursor <= c.cursor) return c;
  const done = nextCursor > lastBucket;
  return {
    ...c,
    cursor: nextCursor,
    tasksCreated: c.tasksCreated + tasks,
    status: done ? 'completed' : 'running',
    completedAt: done ? at : null,
  };
}

/** On one of the campaign's registers at the end of the day. */
function current(m: RegisterMembership, day: string): boolean {
  return CAMPAIGN_REGISTERS.includes(m.register) && m.from <= day && (m.to === null || m.to > day);
}

/**
 * Who one person on the roll is checked as: the household whose category put them on a register,
 * or themselves as a household of one (特困 by the county's decision); null if on none of the
 * campaign's registers that day.
 */
export function subjectOf(
  memberships: readonly RegisterMembership[],
  personId: string,
  day: string,
): { type: 'household' | 'person'; id: string } | null {
  const on = memberships.filter((m) => current(m, day));
  if (!on.length) return null;
  const byHousehold = on.find((m) => m.sourceType === 'household');
  return byHousehold ? { type: 'household', id: byHousehold.sourceId } : { type: 'person', id: personId };
}

/** A task's warning id: one per campaign and subject, however many runs or members find it. */
export function taskId(campaignId: string, subject: { type: string; id: string }): string {
  return deterministicId('low-income-campaign-task', campaignId, subject.type, subject.id);
}
