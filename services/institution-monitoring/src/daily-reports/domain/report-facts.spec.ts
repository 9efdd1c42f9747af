import { checkAgainstRecords, UnitRecords } from './report-facts';

const counts = {
  residents: 40,
  staffOnDuty: 12,
  newAdmissions: 0,
  temperatureAnomalies: 0,
  suspected: 0,
  confirmed: 0,
  isolated: 0,
  transferred: 0,
  deaths: 0,
  ppeDaysOfCover: 35,
  vaccinatedResidents: 38,
  vaccinatedStaff: 12,
};
const records: UnitRecords = {
  openSymptomCases: 0,
  symptomCasesOnRecord: 0,
  isolated: 0,
  deathsOnDay: 0,
  residents: 40,
  vaccinated: { residents: 38, staff: 12 },
  leastDaysOfCover: 35,
  childrenInTemporaryCare: 0,
};
const today = { levelsApply: true, tolerance: 2 };

describe('a daily report against the unit’s own records (瞒报漏报, seed 000 accountability list)', () => {
  it('finds nothing when the report says what the records say', () => {
    expect(checkAgainstRecords(counts, records, today)).toEqual({ discrepancies: [], casesWithoutSymptomReport: 0 });
  });

  it('0 suspected while residents have open symptom episodes', () => {
    const r = checkAgainstRecords(counts, { ...records, openSymptomCases: 1, symptomCasesOnRecord: 1, isolated: 1 }, today);
    expect(r.discrepancies).toEqual([
      { field: 'suspected', rule: 'suspected-below-open-symptom-cases', reported: 0, recorded: 1 },
      { field: 'isolated', rule: 'isolated-below-residents-isolated', reported: 0, recorded: 1 },
    ]);
  });

  it('fewer deaths than residents recorded dead that day — also for a late report on an earlier day', () => {
    const late = checkAgainstRecords(counts, { ...records, deathsOnDay: 2, isolated: 3 }, { levelsApply: false, tolerance: 2 });
    expect(late.discrepancies).toEqual([{ field: 'deaths', rule: 'deaths-below-recorded-deaths', reported: 0, recorded: 2 }]);
  });

  it('a resident count off the roll by more than the tolerance, either way; within it, none', () => {
    expect(checkAgainstRecords({ ...counts, residents: 42 }, records, today).discrepancies).toEqual([]);
    expect(checkAgainstRecords({ ...counts, residents: 43 }, records, today).discrepancies).toEqual([
      { field: 'residents', rule: 'residents-off-the-roll', reported: 43, recorded: 40 },
    ]);
    expect(
      checkAgainstRecords({ ...counts, residents: 37, vaccinatedResidents: 37 }, records, today).discrepancies.map((d) => d.field),
    ).toEqual(['residents']);
  });

  it('vaccination and days of cover claimed above the unit’s records (seed 004 清零 and 至少1个月的防疫物资储备)', () => {
    const r = checkAgainstRecords(
      { ...counts, vaccinatedStaff: 12, vaccinatedResidents: 38, ppeDaysOfCover: 40 },
      {
        ...records,
        vaccinated: { residents: 30, staff: 12 },
        leastDaysOfCover: 10,
      },
      today,
    );
    expect(r.discrepancies).toEqual([
      { field: 'vaccinatedResidents', rule: 'vaccinated-above-record', reported: 38, recorded: 30 },
      { field: 'ppeDaysOfCover', rule: 'days-of-cover-above-stock', reported: 40, recorded: 10 },
    ]);
  });

  it('does not compare figures the unit keeps no record of', () => {
    const none: UnitRecords = { ...records, residents: null, vaccinated: null, leastDaysOfCover: null };
    expect(
      checkAgainstRecords({ ...counts, residents: 400, vaccinatedResidents: 400, ppeDaysOfCover: 400 }, none, today).discrepancies,
    ).toEqual([]);
  });

  it('counts cases no SymptomCaseReported covers: the urgent path opens by itself', () => {
    const r = checkAgainstRecords(
      { ...counts, suspected: 2, confirmed: 1, isolated: 3 },
      { ...records, openSymptomCases: 1, symptomCasesOnRecord: 1, isolated: 1 },
      today,
    );
    expect(r.casesWithoutSymptomReport).toBe(2);
    expect(r.discrepancies).toEqual([{ field: 'suspected', rule: 'cases-without-symptom-report', reported: 3, recorded: 1 }]);
  });

  it('counts children in temporary care against the roll: fewer, or the figure left out while any are held, is a discrepancy', () => {
    const holding = { ...records, childrenInTemporaryCare: 2 };
    const rule = 'children-in-temporary-care-below-record';
    expect(checkAgainstRecords({ ...counts, childrenInTemporaryCare: 2 }, holding, today).discrepancies).toEqual([]);
    expect(checkAgainstRecords({ ...counts, childrenInTemporaryCare: 3 }, holding, today).discrepancies).toEqual([]);
    expect(checkAgainstRecords({ ...counts, childrenInTemporaryCare: 1 }, holding, today).discrepancies).toEqual([
      { field: 'childrenInTemporaryCare', rule, reported: 1, recorded: 2 },
    ]);
    expect(checkAgainstRecords(counts, holding, today).discrepancies).toEqual([
      { field: 'childrenInTemporaryCare', rule, reported: 0, recorded: 2 },
    ]);
    // a late report for an earlier day is compared on its deaths only
    expect(checkAgainstRecords(counts, holding, { ...today, levelsApply: false }).discrepancies).toEqual([]);
  });
});
