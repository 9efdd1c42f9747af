import { DomainError } from '@civil/kernel';
import {
  admit,
  Admission,
  clearSymptomCase,
  decideLeave,
  depart,
  discharge,
  openSymptomCase,
  READINGS_KEPT,
  recordDeath,
  recordReading,
  reportSymptoms,
  Resident,
  returnFromLeave,
  requestLeave,
  settle,
  transfer,
} from './resident';
import { RESIDENT_STATUS_LABELS, RESIDENT_STATUSES } from './resident-status';

const T0 = new Date('2026-03-02T01:00:00Z'); // 09:00 Beijing, 2 March
const at = (days: number, hours = 0) => new Date(T0.getTime() + days * 86_400_000 + hours * 3_600_000);
const personal = { nameCipher: 'v1:a:b:c', idNumberCipher: 'v1:d:e:f', personKey: 'f'.repeat(64) };

function admission(over: Partial<Admission> = {}): Admission {
  return {
    residentId: 'r-1',
    unitId: 'u-1',
    reliefStation: false,
    personal,
    birthDate: null,
    observation: null,
    feverThresholdTenthsC: 373,
    symptomCaseId: 'sc-1',
    by: 'staff-1',
    ...over,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return undefined;
}

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).kind;
  }
  return undefined;
}

const resident = (): Resident => admit(admission(), T0).resident;

describe('resident: admission', () => {
  it('admits to an elderly home as in residence, not isolated', () => {
    const { resident: r, events } = admit(admission(), T0);
    expect(r).toMatchObject({ status: 'in-residence', isolation: null, admittedAt: T0, personal });
    expect(events).toEqual([]);
  });

  it('isolates a relief-station admission until admission day + 14 and records the reading', () => {
    const { resident: r, events } = admit(admission({ reliefStation: true, observation: { tenthsC: 365, symptoms: [], takenAt: T0 } }), T0);
    expect(r.status).toBe('isolated');
    expect(r.isolation).toEqual({ reason: 'admission', startedAt: T0, endsOn: '2026-03-16' });
    expect(r.readings).toEqual([{ tenthsC: 365, takenAt: T0, recordedBy: 'staff-1', symptoms: [], abnormal: false }]);
    expect(events).toEqual([]);
  });

  it('refuses a relief-station admission without a reading (一人一测), naming the field', () => {
    expect(codeOf(() => admit(admission({ reliefStation: true }), T0))).toBe('AdmissionReadingRequired');
    expect(kindOf(() => admit(admission({ reliefStation: true }), T0))).toBe('invalid');
  });

  it('starts the symptom path when the admission reading is feverish', () => {
    const { resident: r, events } = admit(admission({ reliefStation: true, observation: { tenthsC: 380, symptoms: [], takenAt: T0 } }), T0);
    expect(r.status).toBe('isolated');
    expect(r.isolation).toMatchObject({ reason: 'symptom', endsOn: null });
    expect(events).toEqual([
      {
        kind: 'symptom-case-opened',
        symptomCase: expect.objectContaining({ symptomCaseId: 'sc-1', symptoms: ['fever'], temperatureTenthsC: 380 }),
      },
    ]);
  });
});

describe('resident: timed isolation ends on day 14', () => {
  const isolated = admit(admission({ reliefStation: true, observation: { tenthsC: 362, symptoms: [], takenAt: T0 } }), T0).resident;

  it('is still isolated on day 13 and in residence from day 14 (Beijing)', () => {
    expect(settle(isolated, new Date('2026-03-15T15:59:59Z')).status).toBe('isolated'); // 23:59:59 on 15 March
    expect(settle(isolated, new Date('2026-03-15T16:00:00Z')).status).toBe('in-residence'); // 00:00 on 16 March
  });

  it('refuses leave while isolated and allows it once the isolation is over', () => {
    const leave = { leaveId: 'l-1', reason: '外出看病', fromDate: '2026-03-16', untilDate: '2026-03-17', by: 'staff-1' };
    expect(codeOf(() => requestLeave(isolated, { ...leave, fromDate: '2026-03-10' }, at(7)))).toBe('ResidentIsolated');
    expect(requestLeave(isolated, leave, at(14)).resident.leaveRequests).toHaveLength(1);
  });
});

describe('resident: leave', () => {
  const leave = { leaveId: 'l-1', reason: '回家过年', fromDate: '2026-03-02', untilDate: '2026-03-05', by: 'staff-1' };

  it('goes requested → approved → out → returned, and a return isolates 14 days from the return', () => {
    let r = requestLeave(resident(), leave, T0).resident;
    expect(r.leaveRequests[0].status).toBe('requested');
    r = decideLeave(r, 'l-1', true, '同意', 'officer-1', at(0, 1)).resident;
    expect(r.leaveRequests[0]).toMatchObject({ status: 'approved', decidedBy: 'officer-1', decisionNote: '同意' });
    r = depart(r, 'l-1', at(0, 2)).resident;
    expect(r.status).toBe('on-leave');
    expect(r.leaveRequests[0].status).toBe('out');
    r = returnFromLeave(r, 'l-1', at(3)).resident;
    expect(r.status).toBe('isolated');
    expect(r.isolation).toEqual({ reason: 'return-from-leave', startedAt: at(3), endsOn: '2026-03-19' });
    expect(r.leaveRequests[0]).toMatchObject({ status: 'returned', returnedAt: at(3) });
  });

  it('refuses to go out without approval, a second open leave, deciding twice, or returning when not out', () => {
    const requested = requestLeave(resident(), leave, T0).resident;
    expect(codeOf(() => depart(requested, 'l-1', T0))).toBe('LeaveNotApproved');
    expect(codeOf(() => requestLeave(requested, { ...leave, leaveId: 'l-2' }, T0))).toBe('LeaveAlreadyOpen');
    expect(codeOf(() => returnFromLeave(requested, 'l-1', T0))).toBe('NotOutOnLeave');
    const refused = decideLeave(requested, 'l-1', false, undefined, 'officer-1', T0).resident;
    expect(refused.leaveRequests[0].status).toBe('refused');
    expect(codeOf(() => decideLeave(refused, 'l-1', true, undefined, 'officer-1', T0))).toBe('LeaveNotPending');
    expect(codeOf(() => depart(refused, 'l-1', T0))).toBe('LeaveNotApproved');
    expect(codeOf(() => depart(refused, 'l-9', T0))).toBe('LeaveNotFound');
  });

  it('refuses leave dates in the past or ending before they start', () => {
    expect(codeOf(() => requestLeave(resident(), { ...leave, fromDate: '2026-03-01' }, T0))).toBe('LeaveInPast');
    expect(codeOf(() => requestLeave(resident(), { ...leave, untilDate: '2026-03-01' }, T0))).toBe('LeaveEndsBeforeStart');
  });
});

describe('resident: symptom path', () => {
  it('records a normal reading (37.2 at threshold 37.3) without starting the path', () => {
    const { resident: r, events } = recordReading(resident(), { tenthsC: 372, symptoms: [], takenAt: T0 }, 373, 'sc-1', 'staff-1', T0);
    expect(r.status).toBe('in-residence');
    expect(r.readings.at(-1)).toMatchObject({ tenthsC: 372, abnormal: false });
    expect(events).toEqual([]);
  });

  it('opens a case at exactly 37.3, isolating the resident at once', () => {
    const { resident: r, events } = recordReading(
      resident(),
      { tenthsC: 373, symptoms: ['cough'], takenAt: T0 },
      373,
      'sc-1',
      'staff-1',
      T0,
    );
    expect(r.status).toBe('isolated');
    expect(r.isolation).toEqual({ reason: 'symptom', startedAt: T0, endsOn: null });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'symptom-case-opened',
      symptomCase: { symptomCaseId: 'sc-1', symptoms: ['fever', 'cough'], temperatureTenthsC: 373, status: 'open' },
    });
  });

  it('follows the regional threshold: 37.3 is normal where the threshold is 37.5', () => {
    expect(recordReading(resident(), { tenthsC: 373, symptoms: [], takenAt: T0 }, 375, 'sc-1', 'staff-1', T0).events).toEqual([]);
  });

  it('opens a case for a symptom with a normal temperature, and only one case while it is open', () => {
    const first = recordReading(resident(), { tenthsC: 365, symptoms: ['sore-throat'], takenAt: T0 }, 373, 'sc-1', 'staff-1', T0);
    expect(first.events).toHaveLength(1);
    const second = recordReading(first.resident, { tenthsC: 385, symptoms: [], takenAt: at(0, 1) }, 373, 'sc-2', 'staff-1', at(0, 1));
    expect(second.events).toEqual([]);
    expect(second.resident.readings).toHaveLength(2);
    expect(codeOf(() => reportSymptoms(second.resident, ['cough'], at(0, 1), 'sc-3', at(0, 1)))).toBe('SymptomCaseOpen');
  });

  it('reports symptoms alone with no temperature', () => {
    const { events } = reportSymptoms(resident(), ['cough', 'cough', 'fatigue'], T0, 'sc-1', T0);
    expect(events[0]).toMatchObject({ symptomCase: { symptoms: ['cough', 'fatigue'], temperatureTenthsC: null } });
  });

  it('transfers the isolated resident to a designated hospital, closing the case', () => {
    const opened = reportSymptoms(resident(), ['cough'], T0, 'sc-1', T0).resident;
    const { resident: r, events } = transfer(opened, '德清县人民医院', at(0, 1), 'staff-1', at(0, 1));
    expect(r.status).toBe('transferred');
    expect(openSymptomCase(r)).toBeUndefined();
    expect(events).toEqual([
      {
        kind: 'transferred',
        symptomCase: expect.objectContaining({
          status: 'transferred',
          transfer: { hospital: '德清县人民医院', transferredAt: at(0, 1), recordedBy: 'staff-1' },
        }),
      },
    ]);
    expect(codeOf(() => recordReading(r, { tenthsC: 365, symptoms: [], takenAt: at(0, 2) }, 373, 'sc-2', 'staff-1', at(0, 2)))).toBe(
      'ResidentNotInUnit',
    );
  });

  it('refuses a transfer without an open case', () => {
    expect(codeOf(() => transfer(resident(), '医院', T0, 'staff-1', T0))).toBe('NoOpenSymptomCase');
  });

  it('clears a case and resumes an interrupted timed isolation', () => {
    const relief = admit(admission({ reliefStation: true, observation: { tenthsC: 365, symptoms: [], takenAt: T0 } }), T0).resident;
    const opened = recordReading(relief, { tenthsC: 380, symptoms: [], takenAt: at(1) }, 373, 'sc-1', 'staff-1', at(1)).resident;
    const cleared = clearSymptomCase(opened, 'sc-1', at(2)).resident;
    expect(cleared.status).toBe('isolated');
    expect(cleared.isolation).toMatchObject({ reason: 'admission', endsOn: '2026-03-16' });
    expect(clearSymptomCase(reportSymptoms(resident(), ['cough'], T0, 'sc-1', T0).resident, 'sc-1', at(1)).resident.status).toBe(
      'in-residence',
    );
    expect(codeOf(() => clearSymptomCase(cleared, 'sc-1', at(2)))).toBe('SymptomCaseNotOpen');
  });

  it(`keeps only the last ${READINGS_KEPT} readings`, () => {
    let r = resident();
    for (let i = 0; i < READINGS_KEPT + 5; i++)
      r = recordReading(r, { tenthsC: 360 + (i % 5), symptoms: [], takenAt: T0 }, 373, `sc-${i}`, 'staff-1', T0).resident;
    expect(r.readings).toHaveLength(READINGS_KEPT);
  });
});

describe('resident: death and discharge', () => {
  const death = {
    deathId: 'd-1',
    diedAt: at(1),
    cause: 'infectious-disease' as const,
    infectious: true,
    disease: 'COVID-19',
    by: 'staff-1',
  };

  it('records a death once, from any status but discharged', () => {
    const out = depart(
      decideLeave(
        requestLeave(resident(), { leaveId: 'l-1', reason: 'x', fromDate: '2026-03-02', untilDate: '2026-03-03', by: 's' }, T0).resident,
        'l-1',
        true,
        undefined,
        'o',
        T0,
      ).resident,
      'l-1',
      T0,
    ).resident;
    const { resident: r, events } = recordDeath(out, death, at(1, 1));
    expect(r.status).toBe('deceased');
    expect(events).toEqual([
      {
        kind: 'died',
        death: {
          deathId: 'd-1',
          diedAt: at(1),
          cause: 'infectious-disease',
          infectious: true,
          disease: 'COVID-19',
          recordedAt: at(1, 1),
          recordedBy: 'staff-1',
        },
      },
    ]);
    expect(codeOf(() => recordDeath(r, death, at(2)))).toBe('AlreadyDeceased');
    expect(codeOf(() => recordDeath(discharge(resident(), T0).resident, death, at(2)))).toBe('ResidentDischarged');
  });

  it('keeps the infectious flag, cause and disease consistent', () => {
    expect(codeOf(() => recordDeath(resident(), { ...death, infectious: false, disease: null }, at(2)))).toBe('InfectiousCauseNotFlagged');
    expect(codeOf(() => recordDeath(resident(), { ...death, disease: null }, at(2)))).toBe('DiseaseRequired');
    expect(codeOf(() => recordDeath(resident(), { ...death, cause: 'natural', infectious: false }, at(2)))).toBe('DiseaseWithoutInfection');
    expect(codeOf(() => recordDeath(resident(), { ...death, diedAt: at(5) }, at(2)))).toBe('InFuture');
    expect(codeOf(() => recordDeath(resident(), { ...death, diedAt: at(-1) }, at(2)))).toBe('DeathBeforeAdmission');
  });

  it('discharges only a resident in residence and not isolated', () => {
    expect(discharge(resident(), T0).resident).toMatchObject({ status: 'discharged', dischargedAt: T0 });
    const isolated = reportSymptoms(resident(), ['cough'], T0, 'sc-1', T0).resident;
    expect(codeOf(() => discharge(isolated, T0))).toBe('ResidentIsolated');
  });

  it('labels every status in Chinese', () => {
    for (const s of RESIDENT_STATUSES) expect(RESIDENT_STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fff]/);
  });
});
