import { addStaff, FuneralHome, newHome } from '../../homes/domain/funeral-home';
import {
  addRound,
  areaState,
  DISINFECTION_INTERVAL_MINUTES,
  DisinfectionDay,
  emptyDisinfectionDay,
  findMissedRounds,
  walkArea,
} from './disinfection';

const DAY = '2026-03-06';
const t = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const ms = (n: number) => new Date(t('08:00').getTime() + n);
const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

function home(): FuneralHome {
  const h = newHome(
    {
      homeId: 'h1',
      name: '殡仪馆',
      divisionCode: '330521',
      openingHours: { start: '08:00', end: '18:00' },
      coldStorageSlots: 1,
      bodyCarts: 1,
      crowdedAreas: ['告别厅', '候灵区'],
    },
    new Date('2026-03-01T00:00:00Z'),
  );
  return addStaff(h, { staffId: 'd1', name: '王', role: 'disinfection', recalledRetiree: false }, (n) => `enc:${n}`);
}

function round(doc: DisinfectionDay, area: string, at: Date): DisinfectionDay {
  return addRound(home(), doc, {
    roundId: `r-${area}-${at.getTime()}`,
    area,
    at,
    staffId: 'd1',
    disinfectant: '含氯消毒液',
    recordedBy: 'x',
  });
}

describe('disinfection rounds every 2 hours during opening time', () => {
  it('is fixed at 2 hours by the source documents', () => {
    expect(DISINFECTION_INTERVAL_MINUTES).toBe(120);
  });

  it('is first due 2 hours after opening: on time at exactly 2 hours, missed a moment later', () => {
    expect(walkArea(t('08:00'), t('18:00'), [], t('10:00'))).toEqual({ missed: [], nextDueAt: t('10:00') });
    expect(iso(walkArea(t('08:00'), t('18:00'), [], ms(2 * 3_600_000 + 1)).missed)).toEqual(iso([t('10:00')]));
    expect(walkArea(t('08:00'), t('18:00'), [t('10:00')], t('11:00'))).toEqual({ missed: [], nextDueAt: t('12:00') });
  });

  it('restarts the clock at each round', () => {
    const r = walkArea(t('08:00'), t('18:00'), [t('09:30'), t('11:15')], t('13:15'));
    expect(r).toEqual({ missed: [], nextDueAt: t('13:15') });
    expect(iso(walkArea(t('08:00'), t('18:00'), [t('09:30'), t('11:15')], t('13:16')).missed)).toEqual(iso([t('13:15')]));
  });

  it('counts a round before opening for nothing, and misses every 2 hours while nobody comes', () => {
    const r = walkArea(t('08:00'), t('18:00'), [t('07:30')], t('15:00'));
    expect(iso(r.missed)).toEqual(iso([t('10:00'), t('12:00'), t('14:00')]));
    expect(r.nextDueAt).toEqual(t('16:00'));
  });

  it('a late round restarts the clock from when it happened', () => {
    const r = walkArea(t('08:00'), t('18:00'), [t('10:30')], t('12:00'));
    expect(iso(r.missed)).toEqual(iso([t('10:00')]));
    expect(r.nextDueAt).toEqual(t('12:30'));
  });

  it('requires no round due at or after closing', () => {
    const r = walkArea(t('08:00'), t('18:00'), [t('10:00'), t('12:00'), t('14:00'), t('16:00')], t('23:00'));
    expect(r).toEqual({ missed: [], nextDueAt: null });
    expect(iso(walkArea(t('08:00'), t('18:00'), [], t('23:00')).missed)).toEqual(iso([t('10:00'), t('12:00'), t('14:00'), t('16:00')]));
  });

  it('finds misses per area not recorded yet', () => {
    let doc = round(emptyDisinfectionDay(home(), DAY), '告别厅', t('09:00'));
    const found = findMissedRounds(home(), doc, DAY, t('10:30'));
    expect(found.map((m) => [m.area, m.dueAt.toISOString()])).toEqual([['候灵区', t('10:00').toISOString()]]);
    doc = { ...doc, missed: found.map((m) => ({ ...m, detectedAt: t('10:30') })) };
    expect(findMissedRounds(home(), doc, DAY, t('10:45'))).toEqual([]);
    expect(findMissedRounds(home(), doc, DAY, t('11:01')).map((m) => m.area)).toEqual(['告别厅']);
  });

  it('starts the clock at registration on the day the home was registered', () => {
    const h = { ...home(), registeredAt: t('13:00') };
    expect(findMissedRounds(h, undefined, DAY, t('15:00'))).toEqual([]);
    expect(findMissedRounds(h, undefined, DAY, t('15:01')).map((m) => m.dueAt)).toEqual([t('15:00'), t('15:00')]);
  });

  it('refuses an unknown area or staff member, naming the field', () => {
    const doc = emptyDisinfectionDay(home(), DAY);
    expect(() => round(doc, '食堂', t('09:00'))).toThrow(expect.objectContaining({ code: 'UnknownArea', details: { field: 'area' } }));
    expect(() =>
      addRound(home(), doc, { roundId: 'r', area: '告别厅', at: t('09:00'), staffId: 'nobody', disinfectant: 'x', recordedBy: 'x' }),
    ).toThrow(expect.objectContaining({ details: { field: 'staffId' } }));
  });

  it('shows an area overdue while open, and closed after hours', () => {
    expect(areaState(home(), undefined, DAY, '告别厅', t('10:30')).state).toBe('overdue');
    expect(areaState(home(), round(emptyDisinfectionDay(home(), DAY), '告别厅', t('10:20')), DAY, '告别厅', t('10:30')).state).toBe(
      'on-schedule',
    );
    expect(areaState(home(), undefined, DAY, '告别厅', t('19:00')).state).toBe('closed');
  });
});
