import { SelfInspectionMissedV1, SelfInspectionReportedV1, SelfInspectionTaskRef } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { OutboxEntry, outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { SelfInspectionCampaign, SelfInspectionTask, taskOf } from '../domain/self-inspection-campaign';

/** What happened to a campaign in one write, with what its events need beyond the campaign itself. */
export type SelfInspectionChange =
  | { type: 'launched' }
  | { type: 'reported'; unitId: string }
  /** The sweep found the task's due day over without a report; `correlationId`: the sweep run's. */
  | { type: 'missed'; unitId: string; at: Date; correlationId: string };

/** A campaign's integration events, one per change; ids derive from campaign and peer, so each fact is published once. */
export const selfInspectionEvents: EventMapper<SelfInspectionCampaign, SelfInspectionChange> = (changes, c) =>
  changes.flatMap((change): OutboxEntry[] => {
    switch (change.type) {
      case 'launched':
        return [];
      case 'reported': {
        const t = taskOf(c, change.unitId);
        return [
          outboxEntry(
            SelfInspectionReportedV1,
            {
              ...taskRef(c, t),
              outcome: t.outcome!,
              issueId: t.issueId,
              late: !!t.late,
              reportedAt: t.reportedAt!.toISOString(),
            },
            { time: t.reportedAt!, id: deterministicId(SelfInspectionReportedV1.type, c.campaignId, t.unitId) },
          ),
        ];
      }
      case 'missed':
        return [
          outboxEntry(
            SelfInspectionMissedV1,
            { ...taskRef(c, taskOf(c, change.unitId)), detectedAt: change.at.toISOString() },
            {
              time: change.at,
              id: deterministicId(SelfInspectionMissedV1.type, c.campaignId, change.unitId),
              correlationId: change.correlationId,
            },
          ),
        ];
    }
  });

function taskRef(c: SelfInspectionCampaign, t: SelfInspectionTask): SelfInspectionTaskRef {
  return {
    campaignId: c.campaignId,
    unitId: t.unitId,
    unitType: c.unitType,
    divisionCode: t.divisionCode,
    inspectionId: c.inspectionId,
    checklistCode: c.checklistCode,
    dueDate: c.dueDate,
  };
}
