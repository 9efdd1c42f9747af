import { KEY_PERSON_CATEGORY_LABELS, RISK_FLAG_LABELS } from '@civil/contracts';
import { Person } from '../../people/domain/person';
import { personView } from '../../people/application/person-view';
import { isPastDue, KeyPersonEntry, nextDueAt, ProtectedContact } from '../domain/key-person-entry';
import { ENTRY_STATUS_LABELS, FLAG_ACTION_LABELS, VISIT_MODE_LABELS, VISIT_STATE_LABELS } from '../domain/labels';

export interface EntryViewContext {
  person: Person | undefined;
  cadence: { days: number; elevated: boolean };
  now: Date;
  today: string;
  notes: string | null;
}

function contactView(c: ProtectedContact | null) {
  return c ? { name: c.nameMasked, phone: c.phoneMasked, relation: c.relation } : null;
}

/** What screens show of an entry: the person, guardian and contact masked; the visit schedule. */
export function entrySummary(entry: Omit<KeyPersonEntry, 'visits'> & { visits?: KeyPersonEntry['visits'] }, ctx: EntryViewContext) {
  const active = entry.status === 'active';
  const dueAt = active ? nextDueAt(entry, ctx.cadence.days) : null;
  const overdue = !!dueAt && isPastDue(dueAt, ctx.now);
  const person = ctx.person ? personView(ctx.person, ctx.today) : null;
  return {
    entryId: entry.entryId,
    townshipCode: entry.townshipCode,
    divisionCode: entry.divisionCode,
    personId: entry.personId,
    person: person && {
      name: person.name,
      idNumber: person.idNumber,
      phone: person.phone,
      age: person.age,
      sex: person.sex,
      registers: person.registers,
      registerLabels: person.registerLabels,
    },
    status: entry.status,
    statusLabel: ENTRY_STATUS_LABELS[entry.status],
    categories: entry.categories,
    categoryLabels: entry.categories.map((c) => KEY_PERSON_CATEGORY_LABELS[c]),
    flags: entry.flags.map((f) => ({
      flag: f.flag,
      label: RISK_FLAG_LABELS[f.flag],
      raisedAt: f.raisedAt,
      raisedBy: f.raisedBy,
      finding: f.finding,
    })),
    guardian: contactView(entry.guardian),
    contact: contactView(entry.contact),
    notes: ctx.notes,
    cadenceDays: active ? ctx.cadence.days : null,
    atRiskArea: ctx.cadence.elevated,
    lastVisitAt: entry.lastVisitAt,
    nextVisitDueAt: dueAt,
    visitState: active ? (overdue ? 'overdue' : 'on-schedule') : null,
    visitStateLabel: active ? VISIT_STATE_LABELS[overdue ? 'overdue' : 'on-schedule'] : null,
    overdueEpisode: entry.overdue,
    createdAt: entry.createdAt,
    createdBy: entry.createdBy,
    activeSince: entry.activeSince,
    closedAt: entry.closedAt,
    closeReason: entry.closeReason,
  };
}

/** The summary plus the visit log and flag history (latest first). */
export function entryDetail(entry: KeyPersonEntry, ctx: EntryViewContext) {
  return {
    ...entrySummary(entry, ctx),
    visits: [...entry.visits]
      .reverse()
      .map((v) => ({ ...v, modeLabel: VISIT_MODE_LABELS[v.mode], flagsRaisedLabels: v.flagsRaised.map((f) => RISK_FLAG_LABELS[f]) })),
    flagHistory: [...entry.flagHistory]
      .reverse()
      .map((h) => ({ ...h, label: RISK_FLAG_LABELS[h.flag], actionLabel: FLAG_ACTION_LABELS[h.action] })),
  };
}
