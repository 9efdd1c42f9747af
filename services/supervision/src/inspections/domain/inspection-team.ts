/**
 * An inspection team (督查组), led by a ranked official. The team is described by titles and
 * counts: who its members are as people stays with the personnel office.
 */
export const LEADER_RANKS = ['department', 'division', 'section'] as const;
export type LeaderRank = (typeof LEADER_RANKS)[number];

export const LEADER_RANK_LABELS: Record<LeaderRank, string> = {
  department: '厅级',
  division: '处级',
  section: '科级',
};

export interface InspectionTeam {
  teamId: string;
  name: string;
  /** The jurisdiction the team inspects in. */
  divisionCode: string;
  divisionAncestors: string[];
  leader: { title: string; rank: LeaderRank };
  /** Titles of the members, e.g. 县民政局养老服务科科长 (no names). */
  memberTitles: string[];
  memberCount: number;
  createdBy: string;
  createdAt: Date;
}
