import { Injectable } from '@nestjs/common';
import type { ApplicationKind, HouseholdCategory, ReliefRegister } from '@civil/contracts';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { createLogger, InjectClock } from '@civil/platform';
import { PersonRegistry } from '../../people/application/person-registry';
import { ENROLLING_KINDS, Household, recordEnrolment } from '../domain/household';
import { HouseholdRepository } from '../infrastructure/household.repository';
import { RecheckSettingsReader } from './recheck-settings';

/** What applications may know of a household. */
export interface HouseholdSummary {
  householdId: string;
  divisionCode: string;
  /** Member person ids (see PersonRegistry). */
  memberIds: string[];
  /** The category its latest assessment gave, or null if never assessed. */
  assessedCategory: HouseholdCategory | null;
  /** The category it is enrolled in (on the register), or null. */
  enrolledCategory: HouseholdCategory | null;
}

/** The register a household category puts members on (every enrolling category is one). */
export function registerOf(category: HouseholdCategory): ReliefRegister {
  if (category === 'none') throw new RangeError('no register for category none');
  return category;
}

/**
 * The households capability's port for applications: find a household, and enrol it on a register
 * when an application for that kind is approved (认定). Also keeps members' register memberships in
 * step with the household (source 'household', source id = household id).
 */
@Injectable()
export class HouseholdRegisters {
  private readonly log = createLogger('social-relief', 'HouseholdRegisters');

  constructor(
    private readonly households: HouseholdRepository,
    private readonly people: PersonRegistry,
    private readonly recheckSettings: RecheckSettingsReader,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async find(householdId: string): Promise<HouseholdSummary | undefined> {
    const h = (await this.households.get(householdId))?.value;
    if (!h) return undefined;
    return {
      householdId: h.householdId,
      divisionCode: h.divisionCode,
      memberIds: h.members.map((m) => m.personId),
      assessedCategory: h.assessedCategory,
      enrolledCategory: h.enrolledCategory,
    };
  }

  /**
   * Enrols the household (every member) on the register of an approved application of kind
   * dibao / near-dibao / expenditure-poverty, from the decision's day; idempotent per application.
   * Kinds that are no household register (extreme-poverty, temporary-relief) do nothing. The
   * enrolment is recorded on the household first, then each member is enrolled (PersonRegistry.enrol
   * is itself a no-op for a membership already open), so a retry after a crash finishes the job.
   */
  async enrolFromApplication(householdId: string, kind: ApplicationKind, applicationId: string, at: Date): Promise<void> {
    if (!ENROLLING_KINDS[kind]) return;
    const day = shanghaiDate(at);
    let decided: ReturnType<typeof recordEnrolment> | undefined;
    // the re-check cycle (定期核查) starts on the enrolment day, with that day's regional cadence
    const cadence = await this.households
      .get(householdId)
      .then((h) => (h ? this.recheckSettings.cadence(h.value.divisionCode, day) : undefined));
    await this.households.store.change(
      householdId,
      (current) => {
        decided = recordEnrolment(current, kind, applicationId, day, this.clock.now(), cadence);
        return decided.recorded ? { next: decided.next, changes: [] } : undefined;
      },
      () => DomainError.notFound('HouseholdNotFound', `no household ${householdId}`, { householdId }),
    );
    const { next, recorded, previousCategory } = decided!;
    const enrolment = next.enrolments.find((e) => e.applicationId === applicationId);
    // a retry of an application whose enrolment has since been replaced or ended changes nothing
    if (!enrolment || enrolment.to !== null) return;
    if (recorded && previousCategory && previousCategory !== 'none' && previousCategory !== enrolment.category)
      await this.endMembers(next, previousCategory, day);
    await this.enrolMembers(next, enrolment.category, enrolment.from);
  }

  /**
   * Makes the register changes recorded on the household (`registerSyncPending`), in order, then
   * takes those it made off the household (enrol/endMembership are idempotent, so a change made
   * twice is harmless); changes recorded meanwhile stay for their own writer, or the sweep. True
   * when none is left; on failure the changes stay recorded and the phase-out sweep retries them.
   */
  async settlePending(householdId: string): Promise<boolean> {
    try {
      const h = (await this.households.get(householdId))?.value;
      const pending = h?.registerSyncPending ?? [];
      if (!h || !pending.length) return true;
      for (const change of pending) {
        if (change.action === 'enrol') await this.enrolMembers(h, change.category, change.day, change.personIds);
        else await this.endMembers(h, change.category, change.day, change.personIds);
      }
      const made = new Set(pending.map((c) => c.changeId));
      const { state } = await this.households.store.change(
        householdId,
        (current) => {
          const recorded = current.registerSyncPending ?? [];
          const left = recorded.filter((c) => !made.has(c.changeId));
          return left.length === recorded.length ? undefined : { next: { ...current, registerSyncPending: left }, changes: [] };
        },
        () => DomainError.notFound('HouseholdNotFound', `no household ${householdId}`, { householdId }),
      );
      await this.households.dropRegisterSyncPointers([...made]);
      return !state.registerSyncPending?.length;
    } catch (e) {
      this.log.warn('register change of a household failed; the phase-out sweep retries it', { householdId, error: (e as Error).message });
    }
    return false;
  }

  /** Puts members on the household's register (a no-op for those already on it). */
  async enrolMembers(
    h: Household,
    category: HouseholdCategory,
    from: string,
    personIds: readonly string[] = h.members.map((m) => m.personId),
  ): Promise<void> {
    for (const personId of personIds)
      await this.people.enrol(personId, { register: registerOf(category), sourceType: 'household', sourceId: h.householdId, from });
  }

  /** Takes members off the household's register from a day (a no-op for those not on it). */
  async endMembers(
    h: Household,
    category: HouseholdCategory,
    on: string,
    personIds: readonly string[] = h.members.map((m) => m.personId),
  ): Promise<void> {
    for (const personId of personIds) await this.people.endMembership(personId, registerOf(category), h.householdId, on);
  }
}
