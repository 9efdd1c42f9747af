import type { ReliefRegister } from '@civil/contracts';
import { FeeWaiver, WaiverRegister } from './funeral-case';

/**
 * Basic funeral fees (基本殡葬服务费) are waived for deceased 困难群众 (seed 003 篇十一): a member of a
 * 低保 household or a 特困 person, whether supported at home (分散供养) or in a 敬老院 (集中供养): the
 * person's current relief status (this service's copy, matched by person key) lists
 * `concentrated-extreme-poverty` or `dispersed-extreme-poverty` (特困, named first when both apply)
 * or `dibao` (低保).
 * `near-dibao` (低保边缘) and `expenditure-poverty` (支出型贫困) do not waive the fee. Without a
 * person key, or without any relief status on record, the fee is not waived.
 */
export const WAIVER_REGISTERS: readonly WaiverRegister[] = ['concentrated-extreme-poverty', 'dispersed-extreme-poverty', 'dibao'];

export const WAIVER_REGISTER_LABELS: Record<WaiverRegister, string> = {
  'concentrated-extreme-poverty': '特困人员（集中供养）',
  'dispersed-extreme-poverty': '特困人员',
  dibao: '最低生活保障（低保）',
};

/**
 * The waiver is decided for the status as of the death (`diedAt`), re-examined at each move until
 * the release: once waived it stays waived (taking the person off the register after the death is
 * the normal follow-up); a status that arrives later but changed before the death may still grant
 * it; a status that changed after the death neither removes nor grants it (the status at death is
 * then unknown: `status-after-death`, for staff to verify).
 */
export function decideFeeWaiver(
  personKey: string | null,
  status: { registers: readonly ReliefRegister[]; changedAt: Date } | null,
  now: Date,
  asOf?: { diedAt: Date; previous: FeeWaiver | null },
): FeeWaiver {
  if (asOf?.previous?.waived) return asOf.previous;
  if (!personKey) return { waived: false, register: null, basis: 'no-person-key', statusChangedAt: null, decidedAt: now };
  if (!status) return { waived: false, register: null, basis: 'no-relief-status', statusChangedAt: null, decidedAt: now };
  if (asOf && status.changedAt.getTime() > asOf.diedAt.getTime())
    return { waived: false, register: null, basis: 'status-after-death', statusChangedAt: status.changedAt, decidedAt: now };
  const register = WAIVER_REGISTERS.find((r) => status.registers.includes(r)) ?? null;
  return { waived: register !== null, register, basis: 'relief-status-copy', statusChangedAt: status.changedAt, decidedAt: now };
}
