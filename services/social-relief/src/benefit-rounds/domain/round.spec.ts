import type { RegisterMembership } from '../../people/domain/person';
import { HouseholdCandidates, oneCandidatePerHousehold } from './household-issue';
import {
  bucketOf,
  defaultUnitOfIssue,
  eligibleRegister,
  householdOf,
  entitlementIdOf,
  parseEntitlementId,
  roundProblems,
  ROUND_STATUSES,
  ROUND_STATUS_LABELS,
  totalsOf,
  unitOfIssueOf,
} from './round';

const m = (register: RegisterMembership['register'], from: string, to: string | null = null): RegisterMembership => ({
  register,
  sourceType: 'household',
  sourceId: `h-${register}`,
  from,
  to,
});
const ROUND = ['dibao', 'near-dibao', 'expenditure-poverty', 'dispersed-extreme-poverty'] as const;

describe('benefit round eligibility', () => {
  it('counts a membership held at the end of the snapshot day, not one begun after it or ended by it', () => {
    expect(eligibleRegister([m('dibao', '2022-12-31')], ROUND, '2022-12-31')).toBe('dibao');
    expect(eligibleRegister([m('dibao', '2023-01-01')], ROUND, '2022-12-31')).toBeNull();
    expect(eligibleRegister([m('dibao', '2022-01-01', '2022-12-31')], ROUND, '2022-12-31')).toBeNull();
    expect(eligibleRegister([m('dibao', '2022-01-01', '2023-01-01')], ROUND, '2022-12-31')).toBe('dibao');
  });

  it('names one register by fixed priority when the person is on several', () => {
    expect(eligibleRegister([m('near-dibao', '2022-01-01'), m('dibao', '2022-06-01')], ROUND, '2022-12-31')).toBe('dibao');
    expect(eligibleRegister([m('dibao', '2022-01-01'), m('dispersed-extreme-poverty', '2022-06-01')], ROUND, '2022-12-31')).toBe(
      'dispersed-extreme-poverty',
    );
    expect(eligibleRegister([m('near-dibao', '2022-01-01'), m('expenditure-poverty', '2022-06-01')], ROUND, '2022-12-31')).toBe(
      'expenditure-poverty',
    );
  });

  it('ignores registers the round does not name', () => {
    expect(eligibleRegister([m('near-dibao', '2022-01-01')], ['dibao'], '2022-12-31')).toBeNull();
  });
});

describe('one entitlement per beneficiary', () => {
  it('derives the same id and bucket from the round and the beneficiary, and finds the bucket from the id', () => {
    const id = entitlementIdOf('voucher-2022', 'p-1', 2048);
    expect(entitlementIdOf('voucher-2022', 'p-1', 2048)).toBe(id);
    expect(entitlementIdOf('voucher-2022', 'p-2', 2048)).not.toBe(id);
    expect(entitlementIdOf('voucher-2023', 'p-1', 2048)).not.toBe(id);
    expect(parseEntitlementId(id)).toEqual({ roundId: 'voucher-2022', bucket: bucketOf('p-1', 2048) });
    expect(parseEntitlementId('ent-x')).toBeNull();
  });

  it('spreads beneficiaries over the buckets', () => {
    const counts = new Array(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[bucketOf(`p-${i}`, 16)]++;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });

  it('totals entitlements by register', () => {
    const e = (register: 'dibao' | 'near-dibao') => ({
      entitlementId: 'x',
      beneficiaryType: 'person' as const,
      beneficiaryRef: 'p',
      register,
      quantity: 1,
      amountFen: 30000,
      divisionCode: '330521101',
      issuedAt: '',
    });
    expect(totalsOf([e('dibao'), e('dibao'), e('near-dibao')])).toEqual({
      entitlements: 3,
      amountFen: 90000,
      quantity: 3,
      byRegister: { dibao: 2, 'near-dibao': 1 },
    });
  });
});

describe('round definitions', () => {
  it('requires registers except for the bed subsidy, and a county or wider division', () => {
    expect(roundProblems({ kind: 'consumption-voucher', registers: ['dibao'], divisionCode: '330521' })).toEqual([]);
    expect(roundProblems({ kind: 'consumption-voucher', registers: [], divisionCode: '330521' }).map((p) => p.field)).toEqual([
      'registers',
    ]);
    expect(roundProblems({ kind: 'bed-subsidy', registers: ['dibao'], divisionCode: '330521101' }).map((p) => p.field)).toEqual([
      'registers',
      'divisionCode',
    ]);
  });

  it('labels every status in Chinese', () => {
    for (const s of ROUND_STATUSES) expect(ROUND_STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('unit of issue (seed 000: 为全县低收入家庭发放爱心防护包)', () => {
  it('issues a kit per household unless told otherwise, anything else per person, the bed subsidy per unit; older rounds per person', () => {
    expect(defaultUnitOfIssue('protection-kit')).toBe('household');
    expect(defaultUnitOfIssue('consumption-voucher')).toBe('person');
    expect(unitOfIssueOf({ kind: 'bed-subsidy', unitOfIssue: null })).toBe('unit');
    expect(unitOfIssueOf({ kind: 'protection-kit' })).toBe('person');
  });

  it('counts a person in the household whose category put them on one of the round’s registers on the snapshot day', () => {
    expect(householdOf([m('dibao', '2022-01-01')], ROUND, '2022-12-31')).toBe('h-dibao');
    expect(householdOf([m('dibao', '2023-01-01')], ROUND, '2022-12-31')).toBeNull();
    const byApplication: RegisterMembership = {
      ...m('dispersed-extreme-poverty', '2022-01-01'),
      sourceType: 'application',
      sourceId: 'app-1',
    };
    expect(householdOf([byApplication], ROUND, '2022-12-31')).toBeNull();
  });
});

describe('one candidate per household', () => {
  it('issues once for a household of several members, with its most severe register; a person by no household alone', () => {
    const on = (
      personId: string,
      register: RegisterMembership['register'],
      sourceType: RegisterMembership['sourceType'],
      sourceId: string,
    ) => ({
      personId,
      divisionCode: '330521101',
      memberships: [{ register, sourceType, sourceId, from: '2022-01-01', to: null }],
    });
    const members = [
      on('p1', 'near-dibao', 'household', 'hh-1'),
      on('p2', 'dibao', 'household', 'hh-1'),
      on('p3', 'dispersed-extreme-poverty', 'application', 'app-1'),
    ];
    const persons = members.map((x) => ({
      ref: x.personId,
      type: 'person' as const,
      register: x.memberships[0].register,
      quantity: 1,
      divisionCode: x.divisionCode,
    }));
    expect(oneCandidatePerHousehold({ registers: [...ROUND], snapshotDate: '2022-12-31' }, persons, members)).toEqual([
      { ref: 'hh-1', type: 'household', register: 'dibao', quantity: 1, divisionCode: '330521101' },
      { ref: 'p3', type: 'person', register: 'dispersed-extreme-poverty', quantity: 1, divisionCode: '330521101' },
    ]);
  });

  it('comes to the same candidates when the roll is read a chunk at a time', () => {
    const member = (personId: string, register: RegisterMembership['register'], householdId: string, divisionCode: string) => ({
      personId,
      divisionCode,
      memberships: [{ register, sourceType: 'household' as const, sourceId: householdId, from: '2022-01-01', to: null }],
    });
    // hh-1's members fall in three chunks: the first found gives the division, the most severe the register
    const chunks = [
      [member('a1', 'near-dibao', 'hh-1', '330521101'), member('b1', 'near-dibao', 'hh-2', '330521102')],
      [member('a2', 'dibao', 'hh-1', '330521103')],
      [member('a3', 'dibao', 'hh-1', '330521104'), member('b2', 'dibao', 'hh-2', '330521105')],
    ];
    const personsOf = (members: ReturnType<typeof member>[]) =>
      members.map((x) => ({
        ref: x.personId,
        type: 'person' as const,
        register: x.memberships[0].register,
        quantity: 1,
        divisionCode: x.divisionCode,
      }));
    const round = { registers: [...ROUND], snapshotDate: '2022-12-31' };
    const gathered = new HouseholdCandidates(round);
    for (const c of chunks) gathered.add(personsOf(c), c);
    expect(gathered.size).toBe(2);
    expect(gathered.all()).toEqual(oneCandidatePerHousehold(round, personsOf(chunks.flat()), chunks.flat()));
    expect(gathered.all()).toEqual([
      { ref: 'hh-1', type: 'household', register: 'dibao', quantity: 1, divisionCode: '330521101' },
      { ref: 'hh-2', type: 'household', register: 'dibao', quantity: 1, divisionCode: '330521102' },
    ]);
  });
});
