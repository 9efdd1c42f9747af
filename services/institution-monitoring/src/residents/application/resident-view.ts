import { maskIdNumber, maskName, shanghaiDate } from '@civil/kernel';
import { FieldCipher, isUnitScoped, Principal } from '@civil/platform';
import { Institution } from '../../registry/domain/institution';
import { Resident, SymptomCase } from '../domain/resident';
import {
  ISOLATION_REASON_LABELS,
  LEAVE_PURPOSE_LABELS,
  LEAVE_STATUS_LABELS,
  RESIDENT_STATUS_LABELS,
  SYMPTOM_CASE_STATUS_LABELS,
} from '../domain/resident-status';

/**
 * What a caller sees of a resident. The ID number is always masked (3305**********1234); the
 * name is shown in full only to the unit's own staff, masked for everyone else (张*明 → 张**).
 */
export function residentView(resident: Resident, unit: Institution, by: Principal, cipher: FieldCipher, now: Date, detail = true) {
  const r = resident;
  const ownStaff = isUnitScoped(by) && by.unitId === r.unitId;
  const name = cipher.decrypt(r.personal.nameCipher);
  const today = shanghaiDate(now);
  const openCase = r.symptomCases.find((c) => c.status === 'open');
  return {
    residentId: r.residentId,
    unitId: r.unitId,
    unitType: unit.unitType,
    name: ownStaff ? name : maskName(name),
    idNumber: r.personal.idNumberCipher ? maskIdNumber(cipher.decrypt(r.personal.idNumberCipher)) : null,
    birthDate: r.birthDate ?? null,
    vaccinationStatus: r.vaccination?.status ?? null,
    status: r.status,
    statusLabel: RESIDENT_STATUS_LABELS[r.status],
    admittedAt: r.admittedAt.toISOString(),
    isolation: r.isolation && {
      reason: r.isolation.reason,
      reasonLabel: ISOLATION_REASON_LABELS[r.isolation.reason],
      startedAt: r.isolation.startedAt.toISOString(),
      endsOn: r.isolation.endsOn,
      active: r.status === 'isolated',
    },
    openSymptomCaseId: openCase?.symptomCaseId ?? null,
    /** A child in temporary care at social relief's request (placement refs), else null. */
    temporaryCare: r.temporaryCare ?? null,
    latestReading: r.readings.length ? readingView(r.readings[r.readings.length - 1]) : null,
    leaveRequests: r.leaveRequests.map((l) => ({
      ...l,
      purpose: l.purpose ?? 'personal',
      purposeLabel: LEAVE_PURPOSE_LABELS[l.purpose ?? 'personal'],
      statusLabel: LEAVE_STATUS_LABELS[l.status],
      // out past the last planned day: the unit should follow up
      overdue: l.status === 'out' && today > l.untilDate,
    })),
    ...(detail
      ? {
          readings: r.readings.map(readingView),
          symptomCases: r.symptomCases.map(caseView),
          death: r.death && { ...r.death, diedAt: r.death.diedAt.toISOString(), recordedAt: r.death.recordedAt.toISOString() },
          dischargedAt: r.dischargedAt?.toISOString() ?? null,
        }
      : {}),
  };
}

function readingView(r: Resident['readings'][number]) {
  return { temperatureC: r.tenthsC / 10, takenAt: new Date(r.takenAt).toISOString(), symptoms: r.symptoms, abnormal: r.abnormal };
}

function caseView(c: SymptomCase) {
  const { interruptedIsolation: _i, temperatureTenthsC, ...rest } = c;
  return {
    ...rest,
    temperatureC: temperatureTenthsC === null ? null : temperatureTenthsC / 10,
    statusLabel: SYMPTOM_CASE_STATUS_LABELS[c.status],
  };
}
