import { CeremonyBooking, bookingsAffectedBy, liftOrder, newOrder, orderStatus, suspendedError, suspends } from './ceremony-suspension';
import { newIncident, resolveIncident } from './funeral-incident';

const at = (s: string) => new Date(`2026-03-${s}+08:00`);
const order = (over: Partial<Parameters<typeof newOrder>[0]> = {}) =>
  newOrder(
    {
      orderId: 'cso-1',
      divisionCode: '330521',
      kinds: ['farewell', 'vigil'],
      reason: '疫情期间暂停',
      from: at('05T00:00:00'),
      until: at('10T00:00:00'),
      ...over,
    },
    'officer',
    at('04T12:00:00'),
  );

describe('ceremony suspension coverage', () => {
  it('covers homes inside the division, for its kinds only', () => {
    const o = order();
    const t1 = at('06T10:00:00');
    const t2 = at('06T11:00:00');
    expect(suspends(o, '330521', 'farewell', t1, t2)).toBe(true);
    expect(suspends(o, '330521101', 'vigil', t1, t2)).toBe(true);
    expect(suspends(o, '330522', 'farewell', t1, t2)).toBe(false); // another county
    expect(suspends(o, '3305', 'farewell', t1, t2)).toBe(false); // the city is wider than the order
    expect(suspends(o, '330521', 'rites', t1, t2)).toBe(false); // kind not suspended
  });

  it('covers [from, end): a ceremony ending at `from` or starting at `until` is allowed', () => {
    const o = order();
    expect(suspends(o, '330521', 'farewell', at('04T22:00:00'), at('05T00:00:00'))).toBe(false);
    expect(suspends(o, '330521', 'farewell', at('04T23:00:00'), at('05T00:00:01'))).toBe(true);
    expect(suspends(o, '330521', 'farewell', at('09T23:59:59'), at('10T01:00:00'))).toBe(true);
    expect(suspends(o, '330521', 'farewell', at('10T00:00:00'), at('10T01:00:00'))).toBe(false);
  });

  it('runs open-ended until lifted, and ends when lifted', () => {
    const open = order({ until: null });
    expect(suspends(open, '330521', 'vigil', at('30T00:00:00'), at('30T01:00:00'))).toBe(true);
    const lifted = liftOrder(open, 'officer', at('07T12:00:00'));
    expect(suspends(lifted, '330521', 'vigil', at('07T11:00:00'), at('07T12:30:00'))).toBe(true);
    expect(suspends(lifted, '330521', 'vigil', at('07T12:00:00'), at('07T13:00:00'))).toBe(false);
    expect(orderStatus(lifted, at('07T12:00:00'))).toBe('lifted');
    expect(() => liftOrder(lifted, 'officer', at('08T00:00:00'))).toThrow(expect.objectContaining({ code: 'AlreadyLifted' }));
  });

  it('knows scheduled, in force and expired', () => {
    const o = order();
    expect(orderStatus(o, at('04T23:00:00'))).toBe('scheduled');
    expect(orderStatus(o, at('05T00:00:00'))).toBe('in-force');
    expect(orderStatus(o, at('10T00:00:00'))).toBe('expired');
    expect(() => liftOrder(o, 'officer', at('11T00:00:00'))).toThrow(expect.objectContaining({ code: 'OrderExpired' }));
  });

  it('refuses an end before the start and a village-level order, naming the field', () => {
    expect(() => order({ until: at('05T00:00:00') })).toThrow(expect.objectContaining({ details: { field: 'until' } }));
    expect(() => order({ divisionCode: '330521101001' })).toThrow(expect.objectContaining({ details: { field: 'divisionCode' } }));
  });

  it('names the order when refusing', () => {
    const e = suspendedError(order(), 'farewell');
    expect(e).toMatchObject({ kind: 'conflict', code: 'CeremonySuspended', details: { orderId: 'cso-1' } });
    expect(e.message).toContain('cso-1');
    expect(e.message).toContain('遗体告别');
  });

  it('finds the bookings an order affects', () => {
    const b = (id: string, kind: CeremonyBooking['kind'], divisionCode: string, start: string, end: string): CeremonyBooking => ({
      bookingId: id,
      homeId: 'h',
      divisionCode,
      divisionAncestors: [],
      kind,
      startsAt: at(start),
      endsAt: at(end),
      hall: '1',
      caseId: null,
      familyContact: { name: 'x', phone: 'y' },
      status: 'booked',
      affectedByOrderIds: [],
      bookedBy: 's',
      bookedAt: at('01T00:00:00'),
    });
    const list = [
      b('in', 'farewell', '330521', '06T09:00:00', '06T10:00:00'),
      b('rites', 'rites', '330521', '06T09:00:00', '06T10:00:00'),
      b('after', 'vigil', '330521', '10T00:00:00', '10T08:00:00'),
      b('elsewhere', 'vigil', '330522', '06T09:00:00', '06T10:00:00'),
    ];
    expect(bookingsAffectedBy(order(), list).map((x) => x.bookingId)).toEqual(['in']);
  });
});

describe('funeral incidents', () => {
  it('goes from open to resolved once', () => {
    const i = newIncident(
      { incidentId: 'i1', kind: 'tent-funeral', divisionCode: '330521101201', description: '村民搭棚治丧', occurredAt: at('06T08:00:00') },
      'officer',
      at('06T09:00:00'),
    );
    expect(i).toMatchObject({ status: 'open', resolution: null, divisionAncestors: ['33', '3305', '330521', '330521101', '330521101201'] });
    const r = resolveIncident(i, '上户做工作后家属自愿拆除', 'officer', at('06T15:00:00'));
    expect(r).toMatchObject({ status: 'resolved', resolution: '上户做工作后家属自愿拆除', resolvedBy: 'officer' });
    expect(() => resolveIncident(r, 'again', 'officer', at('06T16:00:00'))).toThrow(expect.objectContaining({ code: 'AlreadyResolved' }));
    expect(() =>
      newIncident(
        { incidentId: 'i2', kind: 'gathering', divisionCode: '330521101', description: 'x', occurredAt: at('07T00:00:00') },
        'o',
        at('06T00:00:00'),
      ),
    ).toThrow(expect.objectContaining({ details: { field: 'occurredAt' } }));
  });
});
