import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Symptom } from '@civil/contracts';
import { Principal } from '@civil/platform';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/** Reports symptoms seen on a resident: opens a symptom case unless one is open. */
@Injectable()
export class ReportSymptoms {
  constructor(private readonly unitResidents: UnitResidents) {}

  async execute(
    unitId: string,
    residentId: string,
    input: { symptoms: Symptom[]; detectedAt?: string },
    by: Principal,
  ): Promise<UnitResident> {
    const caseId = `sc-${randomUUID()}`;
    return this.unitResidents.apply(
      unitId,
      residentId,
      by,
      (r, _u, now) => rules.reportSymptoms(r, input.symptoms, input.detectedAt ? new Date(input.detectedAt) : now, caseId, now),
      true,
    );
  }
}
