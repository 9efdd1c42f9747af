import { DomainError } from '@civil/kernel';
import { summarize } from './issue-summary';
import {
  isOverdue,
  IssueStatus,
  markOverdue,
  openIssue,
  RectificationIssue,
  recordRevisit,
  signOff,
  submitEvidence,
} from './rectification-issue';

const t0 = new Date('2026-03-03T02:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function fresh(): RectificationIssue {
  return openIssue(
    {
      issueId: 'iss-1',
      origin: 'inspection',
      findingId: 'f-1',
      inspectionId: 'insp-1',
      unitId: 'u-1',
      divisionCode: '330521101',
      divisionAncestors: ['33', '3305', '330521', '330521101'],
      summary: '访客登记不全',
      severity: 'E',
      dueDate: '2026-03-10',
      responsibleHead: '德清县民政局局长',
      openedBy: 'insp-a',
    },
    t0,
  );
}

const evidence = { description: '已建立预约登记制度', attachments: ['file-1', 'file-2'] };
const accept = { accepted: true, newDueDate: '2026-03-20' };
const reject = { accepted: false, reason: '复查时仍无预约记录', newDueDate: '2026-03-20' };

/** Puts an issue into a status by the allowed path. */
function inStatus(status: IssueStatus): RectificationIssue {
  const i = fresh();
  if (status === 'open') return i;
  submitEvidence(i, evidence, 'staff-1', later(1));
  if (status === 'rectifying') return i;
  recordRevisit(i, status === 'reopened' ? reject : accept, 'insp-b', later(2));
  if (status === 'reopened') return i;
  if (status === 'verified') return i;
  signOff(i, 'insp-b', later(3));
  return i;
}

function refusal(fn: () => unknown): { kind: string; code: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { kind: e.kind, code: e.code };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('rectification issue', () => {
  it('opens with a notice to the responsible bureau head (title, when, due day) and an opening history entry', () => {
    const i = fresh();
    expect(i.status).toBe('open');
    expect(i.notices).toEqual([{ to: '德清县民政局局长', sentAt: t0, dueDate: '2026-03-10' }]);
    expect(i.history).toEqual([expect.objectContaining({ at: t0, by: 'insp-a', action: 'opened', status: 'open' })]);
    expect(i.sweepDue).toBe('2026-03-10');
  });

  it('refuses a severity outside the A–L grid', () => {
    expect(refusal(() => openIssue({ ...fresh(), severity: 'M' }, t0))).toEqual({ kind: 'invalid', code: 'InvalidSeverity' });
  });

  describe('allowed transitions', () => {
    it('open → rectifying on evidence; more evidence keeps it rectifying', () => {
      const i = fresh();
      const e1 = submitEvidence(i, evidence, 'staff-1', later(1));
      expect(i.status).toBe('rectifying');
      expect(e1).toMatchObject({ evidenceNo: 1, attachments: ['file-1', 'file-2'], submittedBy: 'staff-1' });
      expect(submitEvidence(i, { description: '补充材料', attachments: [] }, 'staff-1', later(2)).evidenceNo).toBe(2);
      expect(i.status).toBe('rectifying');
    });

    it('rectifying → verified on an accepted revisit, then → signed-off', () => {
      const i = inStatus('rectifying');
      expect(recordRevisit(i, accept, 'insp-b', later(2))).toMatchObject({ revisitNo: 1, result: 'accepted' });
      expect(i.status).toBe('verified');
      expect(i.dueDate).toBe('2026-03-10');
      signOff(i, 'insp-b', later(3));
      expect(i).toMatchObject({ status: 'signed-off', signedOffAt: later(3), signedOffBy: 'insp-b', sweepDue: null });
    });

    it('rectifying → reopened on a revisit not accepted: new due day, new notice, watched again', () => {
      const i = inStatus('rectifying');
      expect(recordRevisit(i, reject, 'insp-b', later(2))).toMatchObject({ result: 'not-accepted', reason: '复查时仍无预约记录' });
      expect(i).toMatchObject({ status: 'reopened', dueDate: '2026-03-20', sweepDue: '2026-03-20' });
      expect(i.notices.map((n) => n.dueDate)).toEqual(['2026-03-10', '2026-03-20']);
    });

    it('reopened → rectifying on new evidence, and the path can end signed off', () => {
      const i = inStatus('reopened');
      submitEvidence(i, evidence, 'officer-1', later(4));
      expect(i.status).toBe('rectifying');
      recordRevisit(i, accept, 'insp-b', later(5));
      signOff(i, 'insp-b', later(6));
      expect(i.history.map((h) => `${h.action}:${h.status}`)).toEqual([
        'opened:open',
        'evidence-submitted:rectifying',
        'revisited:rectifying',
        'reopened:reopened',
        'evidence-submitted:rectifying',
        'revisited:verified',
        'signed-off:signed-off',
      ]);
      expect(i.history.every((h) => h.by && h.at instanceof Date)).toBe(true);
    });
  });

  describe('refused transitions', () => {
    it.each(['open', 'rectifying', 'reopened'] as const)('sign-off from %s (409) SignOffNeedsAcceptedRevisit', (status) => {
      expect(refusal(() => signOff(inStatus(status), 'insp-b', later(9)))).toEqual({
        kind: 'conflict',
        code: 'SignOffNeedsAcceptedRevisit',
      });
    });

    it.each(['open', 'reopened', 'verified'] as const)('revisit from %s (409) RevisitNeedsEvidence', (status) => {
      expect(refusal(() => recordRevisit(inStatus(status), accept, 'insp-b', later(9)))).toEqual({
        kind: 'conflict',
        code: 'RevisitNeedsEvidence',
      });
    });

    it('evidence once verified (409) IssueAlreadyVerified', () => {
      expect(refusal(() => submitEvidence(inStatus('verified'), evidence, 'staff-1', later(9)))).toEqual({
        kind: 'conflict',
        code: 'IssueAlreadyVerified',
      });
    });

    it('every step from signed-off (409) IssueSignedOff, leaving it unchanged', () => {
      const i = inStatus('signed-off');
      const before = JSON.stringify(i);
      expect(refusal(() => submitEvidence(i, evidence, 's', later(9)))).toEqual({ kind: 'conflict', code: 'IssueSignedOff' });
      expect(refusal(() => recordRevisit(i, accept, 's', later(9)))).toEqual({ kind: 'conflict', code: 'IssueSignedOff' });
      expect(refusal(() => recordRevisit(i, reject, 's', later(9)))).toEqual({ kind: 'conflict', code: 'IssueSignedOff' });
      expect(refusal(() => signOff(i, 's', later(9)))).toEqual({ kind: 'conflict', code: 'IssueSignedOff' });
      expect(JSON.stringify(i)).toBe(before);
    });

    it('a revisit not accepted needs a reason (400)', () => {
      expect(
        refusal(() => recordRevisit(inStatus('rectifying'), { accepted: false, reason: ' ', newDueDate: '2026-03-20' }, 'i', later(9))),
      ).toEqual({ kind: 'invalid', code: 'ReasonRequired' });
    });
  });

  describe('overdue', () => {
    it('is overdue only after the due day has ended and until sign-off', () => {
      expect(isOverdue({ status: 'open', dueDate: '2026-03-10' }, '2026-03-10')).toBe(false);
      expect(isOverdue({ status: 'open', dueDate: '2026-03-10' }, '2026-03-11')).toBe(true);
      expect(isOverdue({ status: 'verified', dueDate: '2026-03-10' }, '2026-03-11')).toBe(true);
      expect(isOverdue({ status: 'signed-off', dueDate: '2026-03-10' }, '2026-03-11')).toBe(false);
    });

    it('is reported once per due day, and again after a reopening with a new due day passes', () => {
      const i = inStatus('rectifying');
      expect(markOverdue(i, '2026-03-10', later(1))).toBe(false);
      expect(markOverdue(i, '2026-03-11', later(1))).toBe(true);
      expect(markOverdue(i, '2026-03-12', later(2))).toBe(false);
      expect(i.sweepDue).toBeNull();
      recordRevisit(i, { ...reject, newDueDate: '2026-03-19' }, 'insp-b', later(3));
      expect(i.sweepDue).toBe('2026-03-19');
      expect(markOverdue(i, '2026-03-19', later(4))).toBe(false);
      expect(markOverdue(i, '2026-03-20', later(4))).toBe(true);
      expect(i.overdueReported).toEqual(['2026-03-10', '2026-03-19']);
      expect(i.history.filter((h) => h.action === 'overdue')).toHaveLength(2);
    });
  });

  it('summarizes counts by status, overdue, and by the division one level down', () => {
    const s = summarize(
      '330521',
      [
        { divisionCode: '330521101', status: 'open', dueDate: '2026-03-01' },
        { divisionCode: '330521101', status: 'rectifying', dueDate: '2026-03-20' },
        { divisionCode: '330521102', status: 'verified', dueDate: '2026-03-20' },
        { divisionCode: '330521102001', status: 'reopened', dueDate: '2026-03-20' },
        { divisionCode: '330521', status: 'signed-off', dueDate: '2026-03-01' },
      ],
      '2026-03-10',
    );
    expect(s).toMatchObject({
      divisionCode: '330521',
      open: 1,
      rectifying: 2,
      awaitingRevisit: 1,
      awaitingSignOff: 1,
      reopened: 1,
      signedOff: 1,
      overdue: 1,
      total: 5,
    });
    expect(Object.keys(s.byDivision).sort()).toEqual(['330521', '330521101', '330521102']);
    expect(s.byDivision['330521102']).toMatchObject({ rectifying: 1, awaitingSignOff: 1, reopened: 1, total: 2 });
  });
});
