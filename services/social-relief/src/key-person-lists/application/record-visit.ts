import { Injectable } from '@nestjs/common';
import { CareCause, RiskFlag } from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { VolunteerRepository } from '../../volunteers/infrastructure/volunteer.repository';
import { volunteerNotFound } from '../../volunteers/application/volunteers';
import { servesArea } from '../../volunteers/domain/volunteer';
import { recordVisit, VisitMode } from '../domain/key-person-entry';
import { KeyPersonEntryChange } from './key-person-entry-events';
import { assertActive, TownshipEntries } from './township-entries';

export interface VisitInput {
  visitedAt?: string;
  mode: VisitMode;
  findings: string;
  flags?: RiskFlag[];
  /** The social organisation, social worker or volunteer who made the visit (registered in the area). */
  volunteerId?: string;
  /** With a no-guardian flag: why the child is without care (a care placement opens). */
  cause?: CareCause;
}

/**
 * Records a visit (探访关爱): ends an open overdue episode; raises the flags found. A visit made by a
 * social organisation, social worker or volunteer assigned to it names them (`volunteerId`): one
 * registered where the person lives, in an enclosing division or in one of the township's villages
 * (404 otherwise, as for an unknown one).
 */
@Injectable()
export class RecordVisit {
  constructor(
    private readonly township: TownshipEntries,
    private readonly volunteers: VolunteerRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(townshipCode: string, entryId: string, input: VisitInput, by: Principal) {
    const now = this.clock.now();
    const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
    if (visitedAt.getTime() > now.getTime())
      throw DomainError.invalid('VisitInFuture', 'visitedAt cannot be in the future', { field: 'visitedAt' });
    if (input.cause && !input.flags?.includes('no-guardian'))
      throw DomainError.invalid('CauseWithoutNoGuardian', 'cause is given only with the no-guardian flag', { field: 'cause' });
    if (input.flags?.length) await this.township.checkFindingFor(townshipCode, entryId, input.findings, 'findings', by);
    const volunteer = input.volunteerId ? (await this.volunteers.get(input.volunteerId))?.value : undefined;
    if (input.volunteerId && !volunteer) throw volunteerNotFound(input.volunteerId);
    let visitId = '';
    let endedEpisodeId: string | null = null;
    let raisedFlags: RiskFlag[] = [];
    const next = await this.township.change(townshipCode, entryId, by, (entry, at) => {
      assertActive(entry);
      if (volunteer && !servesArea(volunteer, entry.divisionCode, townshipCode)) throw volunteerNotFound(volunteer.volunteerId);
      const assigned = volunteer ? { volunteerId: volunteer.volunteerId, kind: volunteer.kind } : null;
      const r = recordVisit(
        entry,
        { visitedAt, visitor: by.sub, mode: input.mode, findings: input.findings, flags: input.flags ?? [], assigned, cause: input.cause },
        at,
      );
      visitId = r.visit.visitId;
      endedEpisodeId = r.visit.endedEpisodeId;
      raisedFlags = r.raised.map((f) => f.flag);
      const changes: KeyPersonEntryChange[] = [
        ...(r.visit.endedEpisodeId ? [{ type: 'overdue-ended' as const, visit: r.visit, at }] : []),
        ...r.raised.map((raised) => ({ type: 'flag-raised' as const, raised, at })),
      ];
      return { entry: r.entry, changes };
    });
    return { visitId, endedEpisodeId, flagsRaised: raisedFlags, entry: await this.township.detail(next, this.clock.now()) };
  }
}
