import { randomUUID } from 'node:crypto';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { Injectable } from '@nestjs/common';
import { DeathCause, Symptom } from '@civil/contracts';
import { Clock, DomainError, birthDateOfIdNumber, idNumberProblem, shanghaiDate, shanghaiInstant, addDays } from '@civil/kernel';
import { FieldCipher, InjectClock, PersonKeyHasher, Principal, RegionalSettingsService } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { assertAcceptsArrival, assertAllowsDeparture } from '../../registry/domain/closed-management';
import { Institution } from '../../registry/domain/institution';
import { toTenths } from '../domain/isolation';
import * as rules from '../domain/resident';
import { Resident, Transition } from '../domain/resident';
import { isStillResident, LeavePurpose } from '../domain/resident-status';
import { LastDailyReportReader } from '../infrastructure/last-daily-report.reader';
import { PersonKeyClaimRepository } from '../infrastructure/person-key-claim.repository';
import { ResidentRepository, VersionedResident } from '../infrastructure/resident.repository';

/** A claim younger than this whose resident is not written yet is an admission in flight. */
const CLAIM_IN_FLIGHT_MS = 60_000;

export interface AdmitResident {
  name: string;
  idNumber?: string;
  /** YYYY-MM-DD; read from the ID number when absent. */
  birthDate?: string;
  temperatureC?: number;
  symptoms?: Symptom[];
}

/**
 * The residents of a unit (服务对象): admission, leave, temperature readings and the symptom path,
 * transfer and death. Names and ID numbers are encrypted before they are stored and never appear
 * in events or log lines; events carry the opaque residentRef.
 */
@Injectable()
export class ResidentsService {
  constructor(
    private readonly units: UnitDirectory,
    private readonly residents: ResidentRepository,
    private readonly claims: PersonKeyClaimRepository,
    private readonly lastReports: LastDailyReportReader,
    private readonly settings: RegionalSettingsService<SettingKey>,
    private readonly cipher: FieldCipher,
    private readonly personKeys: PersonKeyHasher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async admit(unitId: string, input: AdmitResident, by: Principal): Promise<{ unit: Institution; resident: Resident }> {
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
    const casesBefore = events.length ? await this.casesSinceLastReport(unitId, now) : 0;
    if (
      !(await this.residents.store.create(
        resident,
        events.map((event) => ({ event, unit, at: now, casesBefore })),
      ))
    )
      throw new Error(`resident id ${resident.residentId} is taken`);
    return { unit, resident };
  }

  async requestLeave(
    unitId: string,
    residentId: string,
    input: { purpose?: LeavePurpose; reason: string; fromDate: string; untilDate: string },
    by: Principal,
  ) {
    return this.apply(unitId, residentId, by, (r, _u, now) =>
      rules.requestLeave(r, { leaveId: `l-${randomUUID()}`, ...input, by: by.sub }, now),
    );
  }

  async decideLeave(unitId: string, residentId: string, leaveId: string, decision: { approve: boolean; note?: string }, by: Principal) {
    return this.apply(unitId, residentId, by, (r, _u, now) => rules.decideLeave(r, leaveId, decision.approve, decision.note, by.sub, now));
  }

  /** Not while the unit is closed (不离院外出), except on an approved medical outing. */
  async depart(unitId: string, residentId: string, leaveId: string, by: Principal) {
    return this.apply(unitId, residentId, by, (r, unit, now) => {
      assertAllowsDeparture(unit, rules.purposeOf(rules.leaveOf(r, leaveId)));
      return rules.depart(r, leaveId, now);
    });
  }

  /**
   * Not while the unit is closed: residents out on leave wait outside until it reopens. A medical
   * outing comes back even then, into 14 days of isolation like any return.
   */
  async returnFromLeave(unitId: string, residentId: string, leaveId: string, by: Principal) {
    return this.apply(unitId, residentId, by, (r, unit, now) => {
      if (rules.purposeOf(rules.leaveOf(r, leaveId)) !== 'medical') assertAcceptsArrival(unit, 'return-from-leave');
      return rules.returnFromLeave(r, leaveId, now);
    });
  }

  async recordReading(
    unitId: string,
    residentId: string,
    input: { temperatureC: number; symptoms?: Symptom[]; takenAt?: string },
    by: Principal,
  ) {
    const unit = await this.units.unitFor(unitId, by);
    const now = this.clock.now();
    const takenAt = input.takenAt ? new Date(input.takenAt) : now;
    const threshold = await this.settings.valueFor('fever-threshold-tenths-c', unit.divisionCode, shanghaiDate(takenAt));
    const caseId = `sc-${randomUUID()}`;
    return this.apply(
      unitId,
      residentId,
      by,
      (r, _u, at) =>
        rules.recordReading(
          r,
          { tenthsC: toTenths(input.temperatureC), symptoms: input.symptoms ?? [], takenAt },
          threshold,
          caseId,
          by.sub,
          at,
        ),
      true,
    );
  }

  async reportSymptoms(unitId: string, residentId: string, input: { symptoms: Symptom[]; detectedAt?: string }, by: Principal) {
    const caseId = `sc-${randomUUID()}`;
    return this.apply(
      unitId,
      residentId,
      by,
      (r, _u, now) => rules.reportSymptoms(r, input.symptoms, input.detectedAt ? new Date(input.detectedAt) : now, caseId, now),
      true,
    );
  }

  async clearSymptomCase(unitId: string, residentId: string, symptomCaseId: string, by: Principal) {
    return this.apply(unitId, residentId, by, (r, _u, now) => rules.clearSymptomCase(r, symptomCaseId, now, by.sub));
  }

  /** Recovery in the unit: only where the region's setting says the health authority allows it. */
  async recoverInPlace(
    unitId: string,
    residentId: string,
    symptomCaseId: string,
    input: { approvedBy: string; recoveredAt?: string },
    by: Principal,
  ) {
    const unit = await this.units.unitFor(unitId, by);
    const today = shanghaiDate(this.clock.now());
    const allowed = (await this.settings.valueFor('symptom-recovery-in-place-allowed', unit.divisionCode, today)) === 1;
    return this.apply(unitId, residentId, by, (r, _u, now) =>
      rules.recoverInPlace(
        r,
        symptomCaseId,
        { allowed, approvedBy: input.approvedBy.trim(), recoveredAt: input.recoveredAt ? new Date(input.recoveredAt) : now, by: by.sub },
        now,
      ),
    );
  }

  async transfer(unitId: string, residentId: string, input: { hospital: string; transferredAt?: string }, by: Principal) {
    return this.apply(unitId, residentId, by, (r, _u, now) =>
      rules.transfer(r, input.hospital.trim(), input.transferredAt ? new Date(input.transferredAt) : now, by.sub, now),
    );
  }

  async recordDeath(
    unitId: string,
    residentId: string,
    input: { diedAt: string; cause: DeathCause; infectious: boolean; disease?: string | null },
    by: Principal,
  ) {
    const deathId = `d-${randomUUID()}`;
    return this.apply(unitId, residentId, by, (r, _u, now) =>
      rules.recordDeath(
        r,
        {
          deathId,
          diedAt: new Date(input.diedAt),
          cause: input.cause,
          infectious: input.infectious,
          disease: input.disease?.trim() || null,
          by: by.sub,
        },
        now,
      ),
    );
  }

  async discharge(unitId: string, residentId: string, by: Principal) {
    return this.apply(unitId, residentId, by, (r, _u, now) => rules.discharge(r, now));
  }

  async get(unitId: string, residentId: string, by: Principal): Promise<{ unit: Institution; resident: Resident }> {
    const unit = await this.units.unitFor(unitId, by);
    const current = await this.load(unitId, residentId);
    return { unit, resident: rules.settle(current.value, this.clock.now()) };
  }

  async list(unitId: string, by: Principal): Promise<{ unit: Institution; residents: Resident[] }> {
    const unit = await this.units.unitFor(unitId, by);
    const now = this.clock.now();
    return { unit, residents: (await this.residents.ofUnit(unitId)).map((r) => rules.settle(r, now)) };
  }

  now(): Date {
    return this.clock.now();
  }

  /**
   * Reads, applies the rule, writes with its events in one compare-and-set (retried on a race by
   * the store). `opensCases`: the rule may open a symptom case, whose event counts the unit's cases
   * since its last daily report (read before the write).
   */
  private async apply(
    unitId: string,
    residentId: string,
    by: Principal,
    transition: (r: Resident, unit: Institution, now: Date) => Transition,
    opensCases = false,
  ) {
    const unit = await this.units.unitFor(unitId, by);
    const casesBefore = opensCases ? await this.casesSinceLastReport(unitId, this.clock.now()) : 0;
    const notFound = () => residentNotFound(unitId, residentId);
    const { state } = await this.residents.store.change(
      residentId,
      (current) => {
        if (current.unitId !== unitId) throw notFound();
        const now = this.clock.now();
        const { resident, events } = transition(current, unit, now);
        return { next: resident, changes: events.map((event) => ({ event, unit, at: now, casesBefore })) };
      },
      notFound,
    );
    return { unit, resident: rules.settle(state, this.clock.now()) };
  }

  private async load(unitId: string, residentId: string): Promise<VersionedResident> {
    const current = await this.residents.getVersioned(residentId);
    if (!current || current.value.unitId !== unitId) throw residentNotFound(unitId, residentId);
    return current;
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

  /**
   * Symptom cases already opened in the unit since its last submitted daily report (today's or
   * yesterday's, by key); with neither, since the start of yesterday (Beijing). The new case is
   * added by the caller. Two cases opened in the same instant may both count themselves first.
   */
  private async casesSinceLastReport(unitId: string, now: Date): Promise<number> {
    const today = shanghaiDate(now);
    const since = (await this.lastReports.lastSubmittedAt(unitId, today)) ?? shanghaiInstant(addDays(today, -1), '00:00');
    return this.residents.symptomCasesSince(unitId, since);
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

function residentNotFound(unitId: string, residentId: string): DomainError {
  return DomainError.notFound('ResidentNotFound', `unit ${unitId} has no resident ${residentId}`, { unitId, residentId });
}
