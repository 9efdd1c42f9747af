import { EventContract, TopicContract } from './event-contract';
import { DailyReportSubmittedV1 } from './institution-monitoring/daily-report-submitted.event';
import { InstitutionRegisteredV1 } from './institution-monitoring/institution-registered.event';
import { ReportMissedV1 } from './institution-monitoring/report-missed.event';
import { DailyReportTopic, InstitutionTopic } from './institution-monitoring/topics';
import { CaseEscalatedV1 } from './supervision/case-escalated.event';
import { CaseOpenedV1 } from './supervision/case-opened.event';
import { CaseResolvedV1 } from './supervision/case-resolved.event';
import { CaseTopic } from './supervision/topics';

/** Every published contract, grouped by the context that owns it. */
export const CONTRACTS_BY_CONTEXT: Record<string, { topics: TopicContract[]; events: EventContract<any>[] }> = {
  'institution-monitoring': {
    topics: [InstitutionTopic, DailyReportTopic],
    events: [InstitutionRegisteredV1, DailyReportSubmittedV1, ReportMissedV1],
  },
  supervision: {
    topics: [CaseTopic],
    events: [CaseOpenedV1, CaseEscalatedV1, CaseResolvedV1],
  },
};

export const ALL_CONTRACTS: EventContract<any>[] = Object.values(CONTRACTS_BY_CONTEXT).flatMap((c) => c.events);
export const ALL_TOPICS: TopicContract[] = Object.values(CONTRACTS_BY_CONTEXT).flatMap((c) => c.topics);

export function contractByType(type: string): EventContract<any> | undefined {
  return ALL_CONTRACTS.find((c) => c.type === type);
}
