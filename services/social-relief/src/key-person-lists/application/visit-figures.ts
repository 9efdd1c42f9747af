import { Injectable } from '@nestjs/common';
import { DomainError, shanghaiInstant } from '@civil/kernel';
import { assertCovers, Principal } from '@civil/platform';
import { VISIT_MODE_LABELS } from '../domain/labels';
import { VISITOR_KIND_LABELS, VisitorKind } from '../../volunteers/domain/volunteer';
import { visitFigures, VisitMode } from '../domain/key-person-entry';
import { KeyPersonEntryRepository } from '../infrastructure/key-person-entry.repository';
import { checkTownship } from './township-entries';

/** A township's key-person visits in a period (Beijing days), counted by cadres, social workers, volunteers and social organisations. */
@Injectable()
export class VisitFiguresOfTownship {
  constructor(private readonly entries: KeyPersonEntryRepository) {}

  async execute(townshipCode: string, from: string, to: string, by: Principal) {
    checkTownship(townshipCode);
    assertCovers(by, townshipCode);
    if (to < from) throw DomainError.invalid('InvalidPeriod', 'to must not be before from', { field: 'to' });
    const start = shanghaiInstant(from, '00:00');
    const end = new Date(shanghaiInstant(to, '00:00').getTime() + 86_400_000);
    const f = { visits: 0, byVisitorKind: {} as Record<string, number>, byMode: {} as Record<string, number> };
    for await (const visits of this.entries.visitsOfTownship(townshipCode)) {
      const part = visitFigures(visits, start, end);
      f.visits += part.visits;
      for (const [k, n] of Object.entries(part.byVisitorKind)) f.byVisitorKind[k] = (f.byVisitorKind[k] ?? 0) + n;
      for (const [k, n] of Object.entries(part.byMode)) f.byMode[k] = (f.byMode[k] ?? 0) + n;
    }
    return {
      townshipCode,
      from,
      to,
      visits: f.visits,
      byVisitorKind: Object.entries(f.byVisitorKind).map(([kind, count]) => ({
        kind,
        label: VISITOR_KIND_LABELS[kind as VisitorKind],
        count,
      })),
      byMode: Object.entries(f.byMode).map(([mode, count]) => ({ mode, label: VISIT_MODE_LABELS[mode as VisitMode], count })),
    };
  }
}
