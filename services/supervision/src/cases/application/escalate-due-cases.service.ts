import { Injectable } from '@nestjs/common';
import { Clock, deterministicId } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { EscalationLadderRepository, StoredLadder } from '../../escalation-ladders/infrastructure/escalation-ladder.repository';
import { escalateIfDue, SupervisionCase } from '../domain/supervision-case';
import { CaseRepository } from '../infrastructure/case.repository';

const ladderKey = (c: Pick<SupervisionCase, 'caseType' | 'divisionCode'>) => `${c.caseType}@${c.divisionCode}`;

/**
 * The durable ladder timer: the due time lives in the case; any replica may take a due case, and
 * the version check lets exactly one of them move it. A case overdue by several rungs climbs one
 * rung per pass (passes repeat until nothing is due), each rung with its own CaseEscalated. A pass
 * is one bulk read and one bulk write of its due cases.
 */
@Injectable()
export class EscalateDueCasesService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly ladders: EscalationLadderRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async run(batchSize = 500): Promise<{ escalated: number }> {
    let escalated = 0;
    for (;;) {
      const now = this.clock.now();
      const due = await this.cases.dueForEscalation(now, batchSize);
      // the ladders of the pass, read before deciding (each case's type and division never change)
      const ladders = new Map<string, StoredLadder>();
      for (const c of due) if (!ladders.has(ladderKey(c))) ladders.set(ladderKey(c), await this.ladders.get(c.caseType, c.divisionCode));
      const climbed = new Set<string>();
      const { written } = await this.cases.store.changeMany(
        due.map((c) => c.docId),
        (current, docId) => {
          climbed.delete(docId);
          const ladder = current && ladders.get(ladderKey(current));
          if (current?.status !== 'open' || !ladder) return undefined; // resolved since it was found
          const next = structuredClone(current);
          const change = escalateIfDue(next, ladder, now);
          // not due after all (another replica moved it), and not at the top either: nothing to write
          if (change.kind === 'none' && next.nextEscalationAt?.getTime() === current.nextEscalationAt?.getTime()) return undefined;
          if (change.kind === 'escalated') climbed.add(docId);
          const causation = { correlationId: deterministicId('escalation', current.caseId), causationId: current.triggeringEventId };
          return { next, changes: [{ ...change, at: now, causation }] };
        },
      );
      const moved = [...written.keys()].filter((id) => climbed.has(id)).length;
      escalated += moved;
      if (moved === 0) return { escalated };
    }
  }
}
