/**
 * Where a resident (服务对象) stands, with the zh-CN label a person reads.
 *
 * - in-residence (在院): in the unit, free to move about it.
 * - isolated (隔离观察): in the unit but isolated — 14 days from admission at a relief station
 *   (入院即隔离) or from a return from leave (返院隔离), or with no end while on the symptom path
 *   (症状隔离). A timed isolation ends by itself on its end date.
 * - on-leave (请假外出): out of the unit on approved leave.
 * - transferred (已转送定点医院): taken to a designated hospital on the symptom path.
 * - discharged (已离院): left the unit for good.
 * - deceased (已死亡).
 *
 *   admission ──▶ in-residence ──(leave approved, departure)──▶ on-leave ──(return)──▶ isolated
 *       │              ▲  │                                                          │
 *       │ relief       │  └─(abnormal reading / symptom)──▶ isolated (symptom) ──(transfer)──▶ transferred
 *       └─ station ──▶ isolated ──(end date reached)──┘            └─(cleared)──▶ in-residence
 *   any status but discharged/deceased ──(death)──▶ deceased; in-residence ──(discharge)──▶ discharged
 */
export const RESIDENT_STATUSES = ['in-residence', 'isolated', 'on-leave', 'transferred', 'discharged', 'deceased'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

export const RESIDENT_STATUS_LABELS: Record<ResidentStatus, string> = {
  'in-residence': '在院',
  isolated: '隔离观察',
  'on-leave': '请假外出',
  transferred: '已转送定点医院',
  discharged: '已离院',
  deceased: '已死亡',
};

/** Why a resident is isolated. */
export type IsolationReason = 'admission' | 'return-from-leave' | 'symptom';

export const ISOLATION_REASON_LABELS: Record<IsolationReason, string> = {
  admission: '入院隔离',
  'return-from-leave': '返院隔离',
  symptom: '症状隔离',
};

/**
 * Why a resident goes out. A medical outing (外出看病) is the one departure closed management
 * lets through (确因身体原因需外出看病的人员,经批准同意后…); its return is isolated 14 days like any.
 */
export const LEAVE_PURPOSES = ['medical', 'personal'] as const;
export type LeavePurpose = (typeof LEAVE_PURPOSES)[number];

export const LEAVE_PURPOSE_LABELS: Record<LeavePurpose, string> = {
  medical: '外出看病',
  personal: '请假外出',
};

/** requested → approved | refused; approved → out (departure) → returned. */
export const LEAVE_STATUSES = ['requested', 'approved', 'refused', 'out', 'returned'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export const LEAVE_STATUS_LABELS: Record<LeaveStatus, string> = {
  requested: '待审批',
  approved: '已批准',
  refused: '未批准',
  out: '外出中',
  returned: '已返院',
};

/**
 * open (isolated in the unit) → transferred (to a designated hospital) | cleared (not a case, 排除)
 * | recovered-in-place (recovered in the unit, where the health authority allowed care there) |
 * died (the resident died during the episode).
 */
export const SYMPTOM_CASE_STATUSES = ['open', 'transferred', 'cleared', 'recovered-in-place', 'died'] as const;
export type SymptomCaseStatus = (typeof SYMPTOM_CASE_STATUSES)[number];

export const SYMPTOM_CASE_STATUS_LABELS: Record<SymptomCaseStatus, string> = {
  open: '隔离观察中',
  transferred: '已转送定点医院',
  cleared: '已排除',
  'recovered-in-place': '经卫生健康部门同意在院康复',
  died: '病程中死亡',
};

/** Still counted as a resident of the unit (an ID number may not be admitted twice meanwhile). */
export function isStillResident(status: ResidentStatus): boolean {
  return status === 'in-residence' || status === 'isolated' || status === 'on-leave';
}
