import { FUNERAL_CASE_STATUS_LABELS } from '@civil/contracts';
import { maskIdNumber, maskName, maskPhone } from '@civil/kernel';
import { FieldCipher } from '@civil/platform';
import { WAIVER_REGISTER_LABELS } from '../domain/fee-waiver';
import {
  CASE_FLAG_LABELS,
  CASE_ORIGIN_LABELS,
  ceremonyAllowed,
  CUSTODY_KIND_LABELS,
  CustodyEntry,
  EncryptedPerson,
  FEE_WAIVER_LABELS,
  FuneralCase,
} from '../domain/funeral-case';

/** What people see of a case: names, ID numbers and phones masked; no person key. */
export function caseView(c: FuneralCase, cipher: FieldCipher) {
  const person = (p: EncryptedPerson | null) =>
    p && {
      name: maskName(cipher.decrypt(p.name)),
      idNumber: p.idNumber ? maskIdNumber(cipher.decrypt(p.idNumber)) : null,
      phone: p.phone ? maskPhone(cipher.decrypt(p.phone)) : null,
    };
  return {
    caseId: c.caseId,
    homeId: c.homeId,
    divisionCode: c.divisionCode,
    status: c.status,
    statusLabel: FUNERAL_CASE_STATUS_LABELS[c.status],
    origin: c.origin,
    originLabel: CASE_ORIGIN_LABELS[c.origin],
    deathId: c.deathId,
    unitId: c.unitId,
    residentRef: c.residentRef,
    diedAt: c.diedAt,
    infectious: c.infectious,
    disease: c.disease,
    cremateBy: c.cremateBy,
    deadlineAtRisk: c.deadlineAtRisk,
    ceremoniesAllowed: ceremonyAllowed(c),
    flags: [
      ...(c.infectious ? (['infectious'] as const) : []),
      ...(c.deadlineAtRisk ? (['deadlineAtRisk'] as const) : []),
      ...(c.homeId ? [] : (['unassigned'] as const)),
    ].map((f) => ({ flag: f, label: CASE_FLAG_LABELS[f] })),
    cdc: c.cdc && {
      organisation: c.cdc.organisation,
      contactName: maskName(cipher.decrypt(c.cdc.contactName)),
      contactPhone: maskPhone(cipher.decrypt(c.cdc.contactPhone)),
      at: c.cdc.at,
      recordedBy: c.cdc.recordedBy,
    },
    deceased: person(c.deceased),
    family: person(c.family),
    vehicleId: c.vehicleId,
    slot: c.slot,
    cremation: c.cremation,
    cremationLog: c.cremationLog,
    release: c.release && { to: person(c.release.to), relation: c.release.relation, at: c.release.at, by: c.release.by },
    cancellation: c.cancellation,
    feeWaiver: {
      ...c.feeWaiver,
      label: c.feeWaiver.waived ? FEE_WAIVER_LABELS.waived : FEE_WAIVER_LABELS['not-waived'],
      basisLabel: FEE_WAIVER_LABELS[c.feeWaiver.basis],
      registerLabel: c.feeWaiver.register ? WAIVER_REGISTER_LABELS[c.feeWaiver.register] : null,
    },
    moves: c.custody.length,
    createdAt: c.createdAt,
  };
}

export function custodyView(c: FuneralCase) {
  return {
    caseId: c.caseId,
    infectious: c.infectious,
    entries: c.custody.map((e: CustodyEntry) => ({
      ...e,
      fromLabel: e.from ? FUNERAL_CASE_STATUS_LABELS[e.from] : null,
      toLabel: FUNERAL_CASE_STATUS_LABELS[e.to],
      where: { ...e.where, kindLabel: CUSTODY_KIND_LABELS[e.where.kind] },
    })),
  };
}
