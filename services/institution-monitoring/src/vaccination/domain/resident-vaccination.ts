import { DomainError } from '@civil/kernel';
import type { Resident } from '../../residents/domain/resident';
import { isStillResident } from '../../residents/domain/resident-status';
import { VaccinationStatus } from './vaccination-status';

/** Records a resident's vaccination status (only while they are a resident of the unit); unchanged → undefined. */
export function recordResidentVaccination(r: Resident, status: VaccinationStatus, by: string, now: Date): Resident | undefined {
  if (!isStillResident(r.status)) {
    throw DomainError.conflict('ResidentNotInUnit', `resident ${r.residentId} is ${r.status}: the unit no longer records for them`, {
      status: r.status,
    });
  }
  if (r.vaccination?.status === status) return undefined;
  return { ...r, vaccination: { status, recordedAt: now, recordedBy: by } };
}
