import { randomUUID } from 'node:crypto';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { Injectable } from '@nestjs/common';
import { Symptom } from '@civil/contracts';
import { Clock, DomainError, birthDateOfIdNumber, idNumberProblem, shanghaiDate } from '@civil/kernel';
import { FieldCipher, InjectClock, PersonKeyHasher, Principal, RegionalSettingsService } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { assertAcceptsArrival } from '../../registry/domain/closed-management';
import { toTenths } from '../domain/isolation';
import * as rules from '../domain/resident';
import { isStillResident } from '../domain/resident-status';
import { PersonKeyClaimRepository } from '../infrastructure/person-key-claim.repository';
import { ResidentRepository } from '../infrastructure/resident.repository';
import { UnitResident, UnitResidents } from './unit-residents';

/** A claim younger than this whose resident is not written yet is an admission in flight. */
const CLAIM_IN_FLIGHT_MS = 60_000;

export interface AdmitResidentInput {
  name: string;
  idNumber?: string;
  /** YYYY-MM-DD; read from the ID number when absent. */
  birthDate?: string;
  temperatureC?: number;
  symptoms?: Symptom[];
}

/**
 * Admits a resident to an active unit that accepts arrivals (relief stations isolate every
 * admission); one resident per ID number and unit at a time: 409 `AlreadyResident` while the
 * earlier one is resident, `AdmissionInProgress` while another admission of the same person is
 * being written.
 */
@Injectable()
export class AdmitResident {
  constructor(
    private readonly units: UnitDirectory,
    private readonly residents: ResidentRepository,
    private readonly unitResidents: UnitResidents,
    private readonly claims: PersonKeyClaimRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    private readonly cipher: FieldCipher,
    private readonly personKeys: PersonKeyHasher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(unitId: string, input: AdmitResidentInput, by: Principal): Promise<UnitResident> {
    const unit = await this.units.unitFor(unitId, by);
    assertAcceptsArrival(unit, 'admission');
    if (!unit.active) throw DomainError.conflict('UnitInactive', `unit ${unitId} is no longer active and admits nobody`);
    const now = this.clock.now();
    const today = shanghaiDate(now);
    let idNumber: string | null = null;
    if (input.idNumber !== undefined) {
      const problem = idNumberProblem(input.idNumber, today);
      // the reason names the rule; the value is never echoed
      if (problem) throw DomainError.invalid('InvalidIdNumber', `idNumber: ${problem}`, { field: 'idNumber' });
      idNumber = input.idNumber;
    }
    const birthDate = birthDateOf(input.birthDate, idNumber, today);
    const personKey = idNumber ? this.personKeys.keyOf(idNumber) : null;
    const residentId = `r-${randomUUID()}`;

    const threshold = await this.settings.valueFor('fever-threshold-tenths-c', unit.divisionCode, today);
    const hasObservation = input.temperatureC !== undefined || (input.symptoms?.length ?? 0) > 0;
    const { resident, events } = rules.admit(
      {
        residentId,
        unitId,
        reliefStation: unit.unitType === 'relief-station',
        personal: {
          nameCipher: this.cipher.encrypt(input.name.trim()),
          idNumberCipher: idNumber ? this.cipher.encrypt(idNumber.replace(/\s+/g, '').toUpperCase()) : null,
          personKey,
        },
        birthDate,
        observation: hasObservation
          ? {
              tenthsC: input.temperatureC === undefined ? null : toTenths(input.temperatureC),
              symptoms: input.symptoms ?? [],
              takenAt: now,
            }
          : null,
        feverThresholdTenthsC: threshold,
        symptomCaseId: `sc-${randomUUID()}`,
        by: by.sub,
      },
      now,
    );
    // the rules passed: only now claim the person, so a refused admission leaves no claim behind
    if (personKey) await this.claimPerson(unitId, personKey, residentId, now);
    const casesBefore = events.length ? await this.unitResidents.casesSinceLastReport(unitId, now) : 0;
    if (
      !(await this.residents.store.create(
        resident,
        events.map((event) => ({ event, unit, at: now, casesBefore })),
      ))
    )
      throw new Error(`resident id ${resident.residentId} is taken`);
    return { unit, resident };
  }

  /** One holder per ID number and unit: a second admission while the first is resident is refused. */
  private async claimPerson(unitId: string, personKey: string, residentId: string, now: Date): Promise<void> {
    const outcome = await this.claims.claim(
      unitId,
      personKey,
      residentId,
      now,
      async (claim) => {
        const holder = await this.residents.getVersioned(claim.residentId);
        if (holder && isStillResident(rules.settle(holder.value, now).status)) {
          throw DomainError.conflict(
            'AlreadyResident',
            `a person with this ID number is already resident in unit ${unitId} (resident ${holder.value.residentId}); discharge or record them first`,
            {
              residentId: holder.value.residentId,
            },
          );
        }
        if (!holder && now.getTime() - claim.claimedAt.getTime() < CLAIM_IN_FLIGHT_MS) {
          throw DomainError.conflict('AdmissionInProgress', `a person with this ID number is being admitted to unit ${unitId} right now`);
        }
        // no longer resident, or an admission that never wrote its resident: taken over
        return true;
      },
      { conflict: () => DomainError.conflict('ConcurrentUpdate', `admissions to unit ${unitId} kept racing; try again`) },
    );
    if (outcome.outcome === 'refused') throw new Error(`the claim on a person in unit ${unitId} was refused without a reason`);
  }
}

/**
 * The birth date given, else the one inside the ID number; null when neither. One given beside an
 * ID number must agree with it.
 */
function birthDateOf(given: string | undefined, idNumber: string | null, today: string): string | null {
  const fromId = idNumber ? birthDateOfIdNumber(idNumber) : null;
  if (given === undefined) return fromId;
  if (given > today) throw DomainError.invalid('BirthDateInFuture', 'birthDate is after today', { field: 'birthDate' });
  if (fromId && fromId !== given)
    throw DomainError.invalid('BirthDateDisagreesWithIdNumber', 'birthDate is not the birth date inside the ID number', {
      field: 'birthDate',
    });
  return given;
}
