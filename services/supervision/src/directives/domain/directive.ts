import { DIRECTIVE_STEPS, DirectiveStep } from '@civil/contracts';
import { addDays, DomainError, shanghaiDate } from '@civil/kernel';

/**
 * A directive from a higher level (上级部署) and its implementation by each target division:
 * received on day D, the implementing document (落实文件) is due on D and the status report
 * (落实情况) on D+1 (the offsets are regional settings, fixed per target when the directive
 * arrives). A step is late when filed after its due day ended; a sweep records each step whose
 * day ended unfiled, once.
 */
export interface DirectiveStepRecord {
  dueDate: string;
  filedAt: Date | null;
  /** Caller's subject claim; the office, not a person, answers for the filing. */
  filedBy: string | null;
  late: boolean | null;
  /** Implementing document: its reference number (文号) and title; status report: its summary. */
  documentRef: string | null;
  title: string | null;
  summary: string | null;
  /** When the sweep found the due day over without it (DirectiveStepMissed published). */
  missedAt: Date | null;
}

export interface DirectiveTarget {
  divisionCode: string;
  steps: Record<DirectiveStep, DirectiveStepRecord>;
}

export interface Directive {
  directiveId: string;
  title: string;
  issuedBy: string;
  /** Division of the issuing office. */
  divisionCode: string;
  /** The issuer's and every target's enclosing divisions: officers of any of them see it. */
  divisionAncestors: string[];
  receivedOn: string;
  targets: DirectiveTarget[];
  issuedAt: Date;
  createdBy: string;
  /** Earliest due day of a step neither filed nor recorded missed; null when nothing is owed. */
  nextDueDate: string | null;
}

export type StepState = 'pending' | 'on-time' | 'late' | 'missing';

export interface DueOffsets {
  implementingDocumentDays: number;
  statusReportDays: number;
}

function emptyStep(dueDate: string): DirectiveStepRecord {
  return { dueDate, filedAt: null, filedBy: null, late: null, documentRef: null, title: null, summary: null, missedAt: null };
}

export function issueDirective(
  input: {
    directiveId: string;
    title: string;
    issuedBy: string;
    divisionCode: string;
    receivedOn: string;
    targets: { divisionCode: string; offsets: DueOffsets }[];
    createdBy: string;
  },
  ancestorsOf: (code: string) => string[],
  now: Date,
): Directive {
  const codes = input.targets.map((t) => t.divisionCode);
  const duplicate = codes.find((c, i) => codes.indexOf(c) !== i);
  if (duplicate) throw DomainError.invalid('DuplicateTarget', `target ${duplicate} is listed twice`, { field: 'targets' });
  for (const code of codes) {
    if (code === input.divisionCode || !code.startsWith(input.divisionCode)) {
      throw DomainError.invalid(
        'TargetNotBelowIssuer',
        `target ${code} must be a division below the issuing office's ${input.divisionCode} (下级单位)`,
        { field: 'targets' },
      );
    }
  }
  if (input.receivedOn < addDays(shanghaiDate(now), -1)) {
    throw DomainError.invalid(
      'ReceivedTooLongAgo',
      `receivedOn ${input.receivedOn} is before yesterday; a directive is recorded the day it arrives`,
      { field: 'receivedOn' },
    );
  }
  if (input.receivedOn > shanghaiDate(now)) {
    throw DomainError.invalid(
      'ReceivedInFuture',
      `receivedOn ${input.receivedOn} is after today; a directive is recorded when it has arrived`,
      { field: 'receivedOn' },
    );
  }
  const targets = input.targets.map((t) => ({
    divisionCode: t.divisionCode,
    steps: {
      'implementing-document': emptyStep(addDays(input.receivedOn, t.offsets.implementingDocumentDays)),
      'status-report': emptyStep(addDays(input.receivedOn, t.offsets.statusReportDays)),
    },
  }));
  const ancestors = new Set([input.divisionCode, ...codes].flatMap(ancestorsOf));
  const d: Directive = {
    directiveId: input.directiveId,
    title: input.title,
    issuedBy: input.issuedBy,
    divisionCode: input.divisionCode,
    divisionAncestors: [...ancestors],
    receivedOn: input.receivedOn,
    targets,
    issuedAt: now,
    createdBy: input.createdBy,
    nextDueDate: null,
  };
  return withNextDue(d);
}

export function targetOf(d: Directive, divisionCode: string): DirectiveTarget {
  const t = d.targets.find((x) => x.divisionCode === divisionCode);
  if (!t)
    throw DomainError.invalid('NotATarget', `division ${divisionCode} is not a target of directive ${d.directiveId}`, {
      field: 'divisionCode',
    });
  return t;
}

/** Files a step now; late when its due day (Shanghai) is over. The status report follows the document. */
export function fileStep(
  d: Directive,
  divisionCode: string,
  step: DirectiveStep,
  content: { documentRef?: string; title?: string; summary?: string },
  by: string,
  now: Date,
): { directive: Directive; record: DirectiveStepRecord } {
  const target = targetOf(d, divisionCode);
  const current = target.steps[step];
  if (current.filedAt)
    throw DomainError.conflict('StepAlreadyFiled', `${divisionCode} already filed the ${step} of directive ${d.directiveId} (已报送)`, {
      step,
    });
  if (step === 'status-report' && !target.steps['implementing-document'].filedAt) {
    throw DomainError.conflict(
      'ImplementingDocumentFirst',
      `${divisionCode} must file the implementing document (落实文件) before the status report`,
      { step },
    );
  }
  const record: DirectiveStepRecord = {
    ...current,
    filedAt: now,
    filedBy: by,
    late: shanghaiDate(now) > current.dueDate,
    documentRef: content.documentRef ?? null,
    title: content.title ?? null,
    summary: content.summary ?? null,
  };
  const targets = d.targets.map((t) => (t.divisionCode === divisionCode ? { ...t, steps: { ...t.steps, [step]: record } } : t));
  return { directive: withNextDue({ ...d, targets }), record };
}

/** Steps whose due day has ended (before `today`) unfiled and not yet recorded missed. */
export function findMissedSteps(d: Directive, today: string): { divisionCode: string; step: DirectiveStep; dueDate: string }[] {
  return d.targets.flatMap((t) =>
    DIRECTIVE_STEPS.filter((s) => !t.steps[s].filedAt && !t.steps[s].missedAt && t.steps[s].dueDate < today).map((s) => ({
      divisionCode: t.divisionCode,
      step: s,
      dueDate: t.steps[s].dueDate,
    })),
  );
}

export function recordMissed(d: Directive, missed: { divisionCode: string; step: DirectiveStep }[], now: Date): Directive {
  const targets = d.targets.map((t) => {
    const mine = missed.filter((m) => m.divisionCode === t.divisionCode);
    if (!mine.length) return t;
    const steps = { ...t.steps };
    for (const m of mine) steps[m.step] = { ...steps[m.step], missedAt: now };
    return { ...t, steps };
  });
  return withNextDue({ ...d, targets });
}

/** What a reader sees of a step: not due yet, filed on time, filed late, or missing. */
export function stepState(record: DirectiveStepRecord, today: string): StepState {
  if (record.filedAt) return record.late ? 'late' : 'on-time';
  return record.dueDate < today ? 'missing' : 'pending';
}

function withNextDue(d: Directive): Directive {
  const open = d.targets.flatMap((t) =>
    DIRECTIVE_STEPS.map((s) => t.steps[s])
      .filter((r) => !r.filedAt && !r.missedAt)
      .map((r) => r.dueDate),
  );
  return { ...d, nextDueDate: open.length ? open.sort()[0] : null };
}
