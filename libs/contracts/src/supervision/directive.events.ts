import { defineEvent, divisionCodeSchema, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { DirectiveTopic, SUPERVISION_SOURCE } from './topics';

/**
 * Directives from a higher level (上级部署) and their implementation by each target division:
 * received on day D → implementing document (落实文件) filed on D → status report (落实情况) on D+1.
 */
export const DIRECTIVE_STEPS = ['implementing-document', 'status-report'] as const;
export type DirectiveStep = (typeof DIRECTIVE_STEPS)[number];

export interface DirectiveIssued {
  /** Id of the directive. */
  directiveId: string;
  /** Short title of the directive (no personal data). */
  title: string;
  /** Name of the issuing office, e.g. 市民政局办公室. */
  issuedBy: string;
  /** Division of the issuing office; jurisdictions at and above it see the directive. */
  divisionCode: string;
  /** Day (Asia/Shanghai) the targets received it; the implementing document is due that day. */
  receivedOn: string;
  /** Division codes that must implement it. */
  targets: string[];
  issuedAt: string;
}

/** Fields every per-target step event carries. */
export interface DirectiveStepRef {
  /** Id of the directive. */
  directiveId: string;
  /** The target division that owes the step. */
  divisionCode: string;
  /** Which step: implementing-document (due on the day received) or status-report (due the day after). */
  step: DirectiveStep;
  /** Day (Asia/Shanghai) the step was due. */
  dueDate: string;
}

export interface DirectiveStepMissed extends DirectiveStepRef {
  /** When the sweep found the due day over without the step. */
  detectedAt: string;
}

export interface DirectiveStepFiled extends DirectiveStepRef {
  /** When the target filed the step. */
  filedAt: string;
  /** Filed after its due day ended. */
  late: boolean;
}

const stepRef = {
  directiveId: { ...idSchema, description: 'Id of the directive.' },
  divisionCode: { ...divisionCodeSchema, description: 'The target division that owes the step.' },
  step: {
    enum: [...DIRECTIVE_STEPS],
    description: 'implementing-document (due on the day received) or status-report (due the day after).',
  },
  dueDate: { ...localDateSchema, description: 'Day the step was due (Asia/Shanghai).' },
} as const;
const stepRequired = ['directiveId', 'divisionCode', 'step', 'dueDate'];

export const DirectiveIssuedV1 = defineEvent<DirectiveIssued>({
  name: 'DirectiveIssued',
  type: 'cn.gov.civilaffairs.supervision.directive-issued.v1',
  topic: DirectiveTopic,
  source: SUPERVISION_SOURCE,
  description:
    'A directive from a higher level was received by its target divisions; each owes an implementing document that day and a status report the next.',
  keyDescription: 'directiveId',
  required: ['directiveId', 'title', 'issuedBy', 'divisionCode', 'receivedOn', 'targets', 'issuedAt'],
  properties: {
    directiveId: { ...idSchema, description: 'Id of the directive.' },
    title: { type: 'string', minLength: 1, maxLength: 200, description: 'Short title of the directive.' },
    issuedBy: { type: 'string', minLength: 1, maxLength: 100, description: 'Name of the issuing office.' },
    divisionCode: { ...divisionCodeSchema, description: 'Division of the issuing office.' },
    receivedOn: { ...localDateSchema, description: 'Day the targets received it; the implementing document is due that day.' },
    targets: { type: 'array', minItems: 1, items: divisionCodeSchema, description: 'Division codes that must implement it.' },
    issuedAt: instantSchema,
  },
  example: {
    directiveId: 'dir-3305-0007',
    title: '关于进一步加强养老机构疫情防控工作的通知',
    issuedBy: '市民政局办公室',
    divisionCode: '3305',
    receivedOn: '2026-03-02',
    targets: ['330521', '330522'],
    issuedAt: '2026-03-02T01:00:00.000Z',
  },
  keyOf: (p) => p.directiveId,
  subjectOf: (p) => p.directiveId,
  regionOf: (p) => p.divisionCode,
});

export const DirectiveStepMissedV1 = defineEvent<DirectiveStepMissed>({
  name: 'DirectiveStepMissed',
  type: 'cn.gov.civilaffairs.supervision.directive-step-missed.v1',
  topic: DirectiveTopic,
  source: SUPERVISION_SOURCE,
  description:
    'A target division let the due day of a directive step end without filing it; published once per directive, target and step.',
  keyDescription: 'directiveId',
  required: [...stepRequired, 'detectedAt'],
  properties: { ...stepRef, detectedAt: instantSchema },
  example: {
    directiveId: 'dir-3305-0007',
    divisionCode: '330522',
    step: 'implementing-document',
    dueDate: '2026-03-02',
    detectedAt: '2026-03-02T16:00:05.000Z',
  },
  keyOf: (p) => p.directiveId,
  subjectOf: (p) => `${p.directiveId}:${p.divisionCode}`,
  regionOf: (p) => p.divisionCode,
});

export const DirectiveStepFiledV1 = defineEvent<DirectiveStepFiled>({
  name: 'DirectiveStepFiled',
  type: 'cn.gov.civilaffairs.supervision.directive-step-filed.v1',
  topic: DirectiveTopic,
  source: SUPERVISION_SOURCE,
  description: 'A target division filed a directive step (on time or late); a late filing clears what its DirectiveStepMissed opened.',
  keyDescription: 'directiveId',
  required: [...stepRequired, 'filedAt', 'late'],
  properties: {
    ...stepRef,
    filedAt: instantSchema,
    late: { type: 'boolean', description: 'Filed after its due day ended.' },
  },
  example: {
    directiveId: 'dir-3305-0007',
    divisionCode: '330521',
    step: 'status-report',
    dueDate: '2026-03-03',
    filedAt: '2026-03-03T08:30:00.000Z',
    late: false,
  },
  keyOf: (p) => p.directiveId,
  subjectOf: (p) => `${p.directiveId}:${p.divisionCode}`,
  regionOf: (p) => p.divisionCode,
});
