import { Injectable } from '@nestjs/common';
import type { ResidentDied } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors, DomainError, idNumberProblem, shanghaiDate } from '@civil/kernel';
import { causedBy, EventEnvelope } from '@civil/messaging';
import { createLogger, FieldCipher, InjectClock, PersonKeyHasher, Principal, RegionalSettingsService } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { HomeDirectory } from '../../homes/application/home-directory';
import { FuneralHome } from '../../homes/domain/funeral-home';
import { SettingKey } from '../../regional-settings/domain/settings';
import { CapacityFigures } from '../../scheduling/application/capacity-figures';
import { CASE_ID_NAMESPACE, cremateByOf, FuneralCase, intakeEntry, leastLoaded } from '../domain/funeral-case';
import { CaseWriter } from './case-writer';

export interface DirectIntake {
  homeId: string;
  deceased: { name: string; idNumber?: string };
  diedAt: Date;
  infectious: boolean;
  disease?: string;
  /** Where the body is to be picked up. */
  place: string;
  family?: { name: string; phone: string };
  why?: string;
}

/**
 * Opens cases: from institution monitoring's ResidentDied (exactly once: the case id is derived
 * from the death id), at the least-loaded home of the unit's county, or entered by a dispatcher.
 */
@Injectable()
export class CaseIntakeService {
  private readonly log = createLogger('funeral-operations', 'CaseIntakeService');

  constructor(
    private readonly writer: CaseWriter,
    private readonly homes: HomeDirectory,
    private readonly capacity: CapacityFigures,
    private readonly settings: RegionalSettingsService<SettingKey>,
    private readonly cipher: FieldCipher,
    private readonly hasher: PersonKeyHasher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  static caseIdOfDeath(deathId: string): string {
    return `fc-${deterministicId(CASE_ID_NAMESPACE, deathId)}`;
  }

  /**
   * A resident died: one case for the death, however often the event is delivered. The home is the
   * least-loaded home of the unit's county; if the county has none, the case is recorded unassigned
   * (visible to the county task force, who assign a home) rather than dead-lettered.
   */
  async fromResidentDied(event: EventEnvelope<ResidentDied>): Promise<void> {
    const d = event.data;
    const caseId = CaseIntakeService.caseIdOfDeath(d.deathId);
    if (await this.writer.get(caseId)) return; // redelivered
    const county = d.divisionCode.slice(0, 6);
    const home = await this.chooseHome(county);
    const diedAt = new Date(d.diedAt);
    const now = this.clock.now();
    const hours = await this.settings.valueFor('infectious-cremation-hours', home?.divisionCode ?? county, shanghaiDate(diedAt));
    const c = await this.writer.withFeeWaiver(
      this.newCase({
        caseId,
        home,
        divisionCode: home?.divisionCode ?? county,
        origin: 'resident-died',
        deathId: d.deathId,
        unitId: d.unitId,
        residentRef: d.residentRef,
        diedAt,
        infectious: d.infectious,
        disease: d.disease,
        cremateBy: cremateByOf(diedAt, d.infectious, hours),
        deceased: null,
        family: null,
        personKey: d.personKey,
        entry: intakeEntry(
          { kind: 'place', ref: `unit:${d.unitId}` },
          event.source,
          now,
          home ? '机构报送居民死亡，接报' : '机构报送居民死亡；本县无殡仪馆，待县殡葬专班指派',
        ),
        now,
      }),
    );
    if (!(await this.writer.insert({ ...c, correlationId: event.correlationId }, causedBy(event)))) return; // a concurrent delivery won
    if (!home) this.log.warn('ResidentDied recorded without a funeral home: the county has none', { caseId, county });
  }

  async direct(input: DirectIntake, by: Principal): Promise<FuneralCase> {
    const home = await this.homes.homeFor(input.homeId, by);
    const now = this.clock.now();
    if (input.diedAt > now) throw DomainError.invalid('DiedInFuture', 'diedAt must not be in the future', { field: 'diedAt' });
    let personKey: string | null = null;
    if (input.deceased.idNumber) {
      const problem = idNumberProblem(input.deceased.idNumber, shanghaiDate(now));
      if (problem) throw DomainError.invalid('InvalidIdNumber', problem, { field: 'deceased.idNumber' });
      personKey = this.hasher.keyOf(input.deceased.idNumber);
    }
    const hours = await this.settings.valueFor('infectious-cremation-hours', home.divisionCode, shanghaiDate(input.diedAt));
    const c = await this.writer.withFeeWaiver(
      this.newCase({
        caseId: `fc-${randomUUID()}`,
        home,
        divisionCode: home.divisionCode,
        origin: 'direct',
        deathId: null,
        unitId: null,
        residentRef: null,
        diedAt: input.diedAt,
        infectious: input.infectious,
        disease: input.disease ?? null,
        cremateBy: cremateByOf(input.diedAt, input.infectious, hours),
        deceased: {
          name: this.cipher.encrypt(input.deceased.name),
          idNumber: input.deceased.idNumber ? this.cipher.encrypt(input.deceased.idNumber.trim().toUpperCase()) : null,
          phone: null,
        },
        family: input.family
          ? { name: this.cipher.encrypt(input.family.name), idNumber: null, phone: this.cipher.encrypt(input.family.phone) }
          : null,
        personKey,
        entry: intakeEntry({ kind: 'place', ref: input.place }, by.sub, now, input.why ?? '调度员登记接运需求'),
        now,
      }),
    );
    await this.writer.insert(c);
    return c;
  }

  /** The county task force assigns a home to a case the county had none for. */
  async assign(caseId: string, homeId: string, by: Principal): Promise<FuneralCase> {
    const alreadyAssigned = (c: FuneralCase) => DomainError.conflict('AlreadyAssigned', `case ${caseId} is already at home ${c.homeId}`);
    const current = await this.writer.caseFor(caseId, by);
    if (current.value.homeId) throw alreadyAssigned(current.value);
    const home = await this.homes.homeFor(homeId, by);
    const withWaiver = await this.writer.feeWaiverRule(current.value.personKey);
    return this.writer.change(caseId, by, (c) => {
      if (c.homeId) throw alreadyAssigned(c);
      const entry = {
        seq: c.custody.length,
        from: null,
        to: 'requested' as const,
        where: { kind: 'home' as const, ref: home.homeId },
        who: by.sub,
        at: this.clock.now(),
        why: '县殡葬服务保障工作专班指派殡仪馆',
      };
      return withWaiver({
        ...c,
        homeId: home.homeId,
        divisionCode: home.divisionCode,
        divisionAncestors: divisionAncestors(home.divisionCode),
        custody: [...c.custody, entry],
      });
    });
  }

  private async chooseHome(county: string): Promise<FuneralHome | null> {
    const homes = await this.homes.inRegion(county);
    if (homes.length <= 1) return homes[0] ?? null;
    const load = new Map<string, number>();
    for (const h of homes) {
      const f = await this.capacity.figures(h);
      load.set(h.homeId, Math.max(f.coldStorage.ratio, f.backlog.ratio));
    }
    return leastLoaded(homes, (h) => load.get(h.homeId)!);
  }

  private newCase(x: {
    caseId: string;
    home: FuneralHome | null;
    divisionCode: string;
    origin: FuneralCase['origin'];
    deathId: string | null;
    unitId: string | null;
    residentRef: string | null;
    diedAt: Date;
    infectious: boolean;
    disease: string | null;
    cremateBy: Date | null;
    deceased: FuneralCase['deceased'];
    family: FuneralCase['family'];
    personKey: string | null;
    entry: FuneralCase['custody'][number];
    now: Date;
  }): FuneralCase {
    return {
      caseId: x.caseId,
      homeId: x.home?.homeId ?? null,
      divisionCode: x.divisionCode,
      divisionAncestors: divisionAncestors(x.divisionCode),
      status: 'requested',
      origin: x.origin,
      deathId: x.deathId,
      unitId: x.unitId,
      residentRef: x.residentRef,
      diedAt: x.diedAt,
      infectious: x.infectious,
      disease: x.disease,
      cremateBy: x.cremateBy,
      deadlineAtRisk: false,
      cdc: null,
      deceased: x.deceased,
      family: x.family,
      personKey: x.personKey,
      vehicleId: null,
      slot: null,
      cremation: null,
      cremationLog: null,
      release: null,
      cancellation: null,
      feeWaiver: { waived: false, register: null, basis: 'no-person-key', statusChangedAt: null, decidedAt: x.now },
      custody: [x.entry],
      createdAt: x.now,
    };
  }
}
