import { divisionAncestors } from '@civil/kernel';
import { domainErrorOf as error } from '@civil/testing';
import { Directive, fileStep, findMissedSteps, issueDirective, recordMissed, stepState } from './directive';

const D = '2026-03-02';
const at = (iso: string) => new Date(iso);
const offsets = { implementingDocumentDays: 0, statusReportDays: 1 };

function issued(now = at('2026-03-02T01:00:00Z')): Directive {
  return issueDirective(
    {
      directiveId: 'dir-1',
      title: '通知',
      issuedBy: '市民政局办公室',
      divisionCode: '3305',
      receivedOn: D,
      targets: ['330521', '330522', '330523'].map((divisionCode) => ({ divisionCode, offsets })),
      createdBy: 'o',
    },
    divisionAncestors,
    now,
  );
}

describe('directive', () => {
  it('owes the implementing document on D and the status report on D+1 from every target', () => {
    const d = issued();
    expect(d.targets[0].steps['implementing-document'].dueDate).toBe(D);
    expect(d.targets[0].steps['status-report'].dueDate).toBe('2026-03-03');
    expect(d.nextDueDate).toBe(D);
    expect(d.divisionAncestors).toEqual(expect.arrayContaining(['33', '3305', '330521', '330522', '330523']));
  });

  it('refuses targets not below the issuer, duplicates, and back-dated receipt', () => {
    const base = { directiveId: 'x', title: 't', issuedBy: 'o', divisionCode: '3305', receivedOn: D, createdBy: 'o' };
    const now = at('2026-03-02T01:00:00Z');
    expect(error(() => issueDirective({ ...base, targets: [{ divisionCode: '3305', offsets }] }, divisionAncestors, now)).code).toBe(
      'TargetNotBelowIssuer',
    );
    expect(error(() => issueDirective({ ...base, targets: [{ divisionCode: '330621', offsets }] }, divisionAncestors, now)).code).toBe(
      'TargetNotBelowIssuer',
    );
    expect(
      error(() =>
        issueDirective(
          {
            ...base,
            targets: [
              { divisionCode: '330521', offsets },
              { divisionCode: '330521', offsets },
            ],
          },
          divisionAncestors,
          now,
        ),
      ).code,
    ).toBe('DuplicateTarget');
    expect(
      error(() =>
        issueDirective({ ...base, receivedOn: '2026-02-27', targets: [{ divisionCode: '330521', offsets }] }, divisionAncestors, now),
      ).details,
    ).toEqual({ field: 'receivedOn' });
    expect(
      error(() =>
        issueDirective({ ...base, receivedOn: '2026-03-03', targets: [{ divisionCode: '330521', offsets }] }, divisionAncestors, now),
      ).code,
    ).toBe('ReceivedInFuture');
  });

  it('marks a filing late only after its due day (Shanghai) has ended', () => {
    const onTime = fileStep(
      issued(),
      '330521',
      'implementing-document',
      { documentRef: '德民发〔2026〕1号', title: '落实方案' },
      'o',
      at('2026-03-02T15:59:00Z'),
    );
    expect(onTime.record.late).toBe(false);
    const late = fileStep(issued(), '330521', 'implementing-document', { documentRef: 'r', title: 't' }, 'o', at('2026-03-02T16:00:00Z'));
    expect(late.record.late).toBe(true);
    expect(stepState(late.record, '2026-03-03')).toBe('late');
  });

  it('files each step once, the document before the report, only for a target', () => {
    const d = fileStep(
      issued(),
      '330521',
      'implementing-document',
      { documentRef: 'r', title: 't' },
      'o',
      at('2026-03-02T03:00:00Z'),
    ).directive;
    expect(error(() => fileStep(d, '330521', 'implementing-document', {}, 'o', at('2026-03-02T04:00:00Z')))).toMatchObject({
      kind: 'conflict',
      code: 'StepAlreadyFiled',
    });
    expect(error(() => fileStep(d, '330522', 'status-report', { summary: 's' }, 'o', at('2026-03-02T04:00:00Z')))).toMatchObject({
      kind: 'conflict',
      code: 'ImplementingDocumentFirst',
    });
    expect(error(() => fileStep(d, '330599', 'implementing-document', {}, 'o', at('2026-03-02T04:00:00Z')))).toMatchObject({
      kind: 'invalid',
      code: 'NotATarget',
    });
  });

  it('finds each step missed once, after its due day', () => {
    let d = fileStep(
      issued(),
      '330521',
      'implementing-document',
      { documentRef: 'r', title: 't' },
      'o',
      at('2026-03-02T03:00:00Z'),
    ).directive;
    expect(findMissedSteps(d, D)).toEqual([]);
    const missed = findMissedSteps(d, '2026-03-03');
    expect(missed).toEqual([
      { divisionCode: '330522', step: 'implementing-document', dueDate: D },
      { divisionCode: '330523', step: 'implementing-document', dueDate: D },
    ]);
    d = recordMissed(d, missed, at('2026-03-02T16:01:00Z'));
    expect(findMissedSteps(d, '2026-03-03')).toEqual([]);
    expect(d.nextDueDate).toBe('2026-03-03');
    expect(findMissedSteps(d, '2026-03-04').map((m) => `${m.divisionCode}:${m.step}`)).toEqual([
      '330521:status-report',
      '330522:status-report',
      '330523:status-report',
    ]);
    expect(stepState(d.targets[1].steps['implementing-document'], '2026-03-03')).toBe('missing');
    expect(stepState(d.targets[1].steps['status-report'], '2026-03-03')).toBe('pending');
  });

  it('lets a step missed earlier still be filed, late', () => {
    let d = issued();
    d = recordMissed(d, findMissedSteps(d, '2026-03-03'), at('2026-03-02T16:01:00Z'));
    const { record, directive } = fileStep(
      d,
      '330522',
      'implementing-document',
      { documentRef: 'r', title: 't' },
      'o',
      at('2026-03-03T02:00:00Z'),
    );
    expect(record).toMatchObject({ late: true });
    expect(record.missedAt).toEqual(at('2026-03-02T16:01:00Z'));
    expect(findMissedSteps(directive, '2026-03-03')).toEqual([]);
  });
});
