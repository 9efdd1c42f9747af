import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, covers, divisionAncestors, DomainError } from '@civil/kernel';
import { assertCovers, assertFoundWithin, InjectClock, isUnitScoped, Principal } from '@civil/platform';
import { InspectionTeam, LEADER_RANK_LABELS, LeaderRank } from '../domain/inspection-team';
import { InspectionTeamRepository } from '../infrastructure/inspection-team.repository';

export interface NewTeam {
  name: string;
  divisionCode: string;
  leader: { title: string; rank: LeaderRank };
  memberTitles?: string[];
  memberCount?: number;
}

/** Inspection teams (督查组) of a jurisdiction. */
@Injectable()
export class InspectionTeamsService {
  constructor(
    private readonly teams: InspectionTeamRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async create(input: NewTeam, by: Principal) {
    assertCovers(by, input.divisionCode);
    const memberTitles = input.memberTitles ?? [];
    const memberCount = input.memberCount ?? memberTitles.length;
    if (memberCount < memberTitles.length)
      throw DomainError.invalid('InvalidTeam', `memberCount ${memberCount} is less than the ${memberTitles.length} member titles given`, {
        field: 'memberCount',
      });
    const team: InspectionTeam = {
      teamId: `it-${randomUUID()}`,
      name: input.name,
      divisionCode: input.divisionCode,
      divisionAncestors: divisionAncestors(input.divisionCode),
      leader: { title: input.leader.title, rank: input.leader.rank },
      memberTitles,
      memberCount,
      createdBy: by.sub,
      createdAt: this.clock.now(),
    };
    await this.teams.store.create(team, []); // a new id each time: never there already
    return view(team);
  }

  async list(by: Principal) {
    if (isUnitScoped(by)) return []; // units are inspected; who inspects them is not theirs to plan around
    return (await this.teams.list(by.jurisdiction, 500)).map(view);
  }

  async get(teamId: string, by: Principal) {
    const notFound = () => DomainError.notFound('TeamNotFound', `no inspection team ${teamId}`);
    const team = await this.teams.get(teamId);
    if (!team || isUnitScoped(by)) throw notFound();
    assertFoundWithin(by, notFound, team.divisionCode);
    return view(team);
  }

  /** A team the caller may send, covering the division its round visits. */
  async teamFor(teamId: string, by: Principal): Promise<InspectionTeam> {
    const notFound = () => DomainError.invalid('TeamNotFound', `teamId ${teamId} is not an inspection team`, { field: 'teamId' });
    const team = await this.teams.get(teamId);
    if (!team) throw notFound();
    // a team outside the caller's reach is answered as an unknown one
    assertFoundWithin(by, notFound, team.divisionCode);
    return team;
  }

  /** The team that arrives at a unit: it must exist and inspect in a division covering the unit's. */
  async teamCovering(teamId: string, divisionCode: string): Promise<InspectionTeam> {
    const team = await this.teams.get(teamId);
    if (!team) throw DomainError.invalid('TeamNotFound', `teamId ${teamId} is not an inspection team`, { field: 'teamId' });
    if (!covers(team.divisionCode, divisionCode)) {
      throw DomainError.invalid(
        'OutsideTeamDivision',
        `teamId ${teamId} inspects in ${team.divisionCode}, which does not cover the unit's division ${divisionCode}`,
        { field: 'teamId' },
      );
    }
    return team;
  }
}

function view(team: InspectionTeam) {
  const { divisionAncestors: _a, ...rest } = team;
  return { ...rest, leader: { ...team.leader, rankLabel: LEADER_RANK_LABELS[team.leader.rank] } };
}
