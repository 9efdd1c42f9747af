import { DomainError } from '@civil/kernel';
import { discloseFigures } from './disclosure';
import { allocate, confirmDelivery, Donation, DonationGift, receiveDonation, remainingQuantity, suppressedCount } from './donation';

const now = new Date('2026-02-03T02:00:00Z');
const rice: DonationGift = { kind: 'goods', item: '大米', unit: '袋', quantity: 100 };
const money: DonationGift = { kind: 'money', item: null, unit: 'fen', quantity: 1_000_000 };

function received(gift: DonationGift = rice, donationId = 'don-1', donorKind: Donation['donor']['kind'] = 'enterprise'): Donation {
  return receiveDonation(
    {
      donationId,
      divisionCode: '330521',
      divisionAncestors: ['33', '3305', '330521'],
      donor: { kind: donorKind, nameEnc: 'enc', nameMasked: '某*' },
      gift,
      purpose: null,
      receivedAt: now,
      receivedDay: '2026-02-03',
      by: 'officer',
    },
    now,
  );
}

const toHousehold = (ref: string, quantity: number) => ({
  recipientType: 'household' as const,
  recipientRef: ref,
  unitType: null,
  divisionCode: '330521101',
  quantity,
});
const toUnit = (ref: string, quantity: number, unitType = 'extreme-poverty-support-home') => ({
  recipientType: 'unit' as const,
  recipientRef: ref,
  unitType,
  divisionCode: '330521101',
  quantity,
});

function refusal(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('a donation: received → partly allocated → fully allocated → delivered', () => {
  it('moves through its states as parts are allocated and delivered', () => {
    let d = received();
    expect(d.status).toBe('received');
    const a1 = allocate(d, toUnit('home-1', 40), 'officer', now);
    d = a1.donation;
    expect(d.status).toBe('partly-allocated');
    expect(remainingQuantity(d)).toBe(60);
    const a2 = allocate(d, toHousehold('hh-1', 60), 'officer', now);
    d = a2.donation;
    expect(d.status).toBe('fully-allocated');
    expect(a2.allocation.allocationId).toBe('don-1-a2');
    d = confirmDelivery(d, a1.allocation.allocationId, 'officer', now)!;
    expect(d.status).toBe('fully-allocated');
    expect(confirmDelivery(d, a1.allocation.allocationId, 'officer', now)).toBeUndefined();
    d = confirmDelivery(d, a2.allocation.allocationId, 'officer', now)!;
    expect(d.status).toBe('delivered');
  });

  it('never allocates more in all than was received', () => {
    let d = allocate(received(), toUnit('home-1', 70), 'officer', now).donation;
    const e = refusal(() => allocate(d, toHousehold('hh-1', 31), 'officer', now));
    expect(e).toMatchObject({ code: 'AllocationExceedsDonation', kind: 'conflict', details: { remaining: 30, asked: 31 } });
    d = allocate(d, toHousehold('hh-1', 30), 'officer', now).donation;
    expect(refusal(() => allocate(d, toHousehold('hh-2', 1), 'officer', now))).toMatchObject({ code: 'AllocationExceedsDonation' });
    expect(refusal(() => allocate(received(), toUnit('home-1', 0), 'officer', now))).toMatchObject({ code: 'InvalidQuantity' });
    expect(refusal(() => allocate(received(), toUnit('home-1', 1.5), 'officer', now))).toMatchObject({ code: 'InvalidQuantity' });
  });

  it('a delivery of an allocation it does not have is not found', () => {
    expect(refusal(() => confirmDelivery(received(), 'don-1-a9', 'officer', now))).toMatchObject({ code: 'AllocationNotFound' });
  });

  it('money is whole fen and names no item; goods name item and unit', () => {
    expect(received(money).gift).toEqual(money);
    expect(refusal(() => received({ ...money, quantity: 0 }))).toMatchObject({ code: 'InvalidQuantity', details: { field: 'amountFen' } });
    expect(refusal(() => received({ ...rice, item: null }))).toMatchObject({ code: 'InvalidGift', details: { field: 'item' } });
  });
});

describe('the public disclosure: aggregates only, small counts suppressed', () => {
  it('shows a count below the minimum as "<minimum", and zero as zero', () => {
    expect(suppressedCount(0, 3)).toBe(0);
    expect(suppressedCount(1, 3)).toBe('<3');
    expect(suppressedCount(2, 3)).toBe('<3');
    expect(suppressedCount(3, 3)).toBe(3);
    expect(suppressedCount(4, 5)).toBe('<5');
  });

  it('adds up received, allocated and delivered by what was given, units by type, households counted', () => {
    let goods = received(rice, 'don-g');
    goods = allocate(goods, toUnit('home-1', 20), 'o', now).donation;
    goods = allocate(goods, toUnit('home-2', 10), 'o', now).donation;
    goods = allocate(goods, toUnit('kids-1', 5, 'child-welfare-home'), 'o', now).donation;
    for (const hh of ['hh-1', 'hh-2', 'hh-3']) goods = allocate(goods, toHousehold(hh, 10), 'o', now).donation;
    goods = allocate(goods, toHousehold('hh-1', 5), 'o', now).donation; // the same household again: still three households
    goods = confirmDelivery(goods, 'don-g-a1', 'o', now)!;
    let cash = allocate(received(money, 'don-m', 'individual'), toHousehold('hh-9', 300_000), 'o', now).donation;
    cash = allocate(cash, toUnit('home-1', 200_000), 'o', now).donation;

    const f = discloseFigures([goods, cash], 3);
    expect(f.donations).toBe(2);
    expect(f.donors).toEqual([
      { donorKind: 'enterprise', donations: 1 },
      { donorKind: 'individual', donations: '<3' },
    ]);
    const [m, g] = f.lines;
    expect(m).toMatchObject({ giftKind: 'money', unit: 'fen', received: 1_000_000, allocated: 500_000, delivered: 0 });
    expect(m.toUnits).toEqual([{ unitType: 'extreme-poverty-support-home', units: 1, quantity: 200_000 }]);
    // one household: counted as "<3", and what it received left out
    expect(m.toHouseholds).toEqual({ households: '<3', quantity: null });
    expect(g).toMatchObject({ giftKind: 'goods', item: '大米', unit: '袋', received: 100, allocated: 70, delivered: 20 });
    expect(g.toUnits).toEqual([
      { unitType: 'child-welfare-home', units: 1, quantity: 5 },
      { unitType: 'extreme-poverty-support-home', units: 2, quantity: 30 },
    ]);
    expect(g.toHouseholds).toEqual({ households: 3, quantity: 35 });
    expect(JSON.stringify(f)).not.toMatch(/hh-|enc|某/);
  });

  it('follows the region’s minimum', () => {
    let d = received();
    for (const hh of ['hh-1', 'hh-2', 'hh-3']) d = allocate(d, toHousehold(hh, 1), 'o', now).donation;
    expect(discloseFigures([d], 3).lines[0].toHouseholds).toEqual({ households: 3, quantity: 3 });
    expect(discloseFigures([d], 5).lines[0].toHouseholds).toEqual({ households: '<5', quantity: null });
    expect(discloseFigures([], 3)).toEqual({ donations: 0, donors: [], lines: [] });
  });
});
