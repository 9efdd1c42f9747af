import { EQUIPMENT_KIND_LABELS } from '@civil/contracts';
import { CHECK_RESULT_LABELS, EquipmentFault, FAULT_STATUS_LABELS, MaintenanceCheck } from '../domain/maintenance';

export function checkView(c: MaintenanceCheck) {
  return {
    ...c,
    checkedAt: c.checkedAt.toISOString(),
    kindLabel: EQUIPMENT_KIND_LABELS[c.kind],
    resultLabel: CHECK_RESULT_LABELS[c.result],
  };
}

export function faultView(f: EquipmentFault) {
  return {
    ...f,
    reportedAt: f.reportedAt.toISOString(),
    repairedAt: f.repairedAt?.toISOString() ?? null,
    kindLabel: EQUIPMENT_KIND_LABELS[f.kind],
    statusLabel: FAULT_STATUS_LABELS[f.status],
  };
}
