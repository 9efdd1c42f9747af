/**
 * The bed subsidy (床位补贴, seed 000): 养老机构 run or operated by social capital (社会资本举办或运营),
 * by beds actually in use, 一次性 — once per institution per policy, however many rounds pay it.
 */

/** The policy a bed-subsidy round pays under when it names none: the one-time subsidy of seed 000. */
export const DEFAULT_BED_SUBSIDY_POLICY = 'bed-subsidy';

/** One payment per policy and institution, across all rounds. */
export const bedSubsidyPaymentId = (policyId: string, unitId: string) => `${policyId}#${unitId}`;
