import { InspectionTargetType, SupervisedTargetKind, UNIT_TYPE_LABELS } from '@civil/contracts';
import { deterministicId, divisionAncestors, divisionLevel, DomainError, isDivisionCode } from '@civil/kernel';

export const SUPERVISED_TARGET_KIND_LABELS: Record<SupervisedTargetKind, string> = {
  'funeral-home': '殡仪馆',
  township: '镇（街道）',
  'lottery-outlet': '福彩销售网点',
};

/** zh-CN label of every kind of inspection target. */
export const INSPECTION_TARGET_TYPE_LABELS: Record<InspectionTargetType, string> = {
  ...UNIT_TYPE_LABELS,
  ...SUPERVISED_TARGET_KIND_LABELS,
};

/** A target registered in supervision: the fields every target copy has, from supervision itself. */
export interface RegisteredTarget {
  unitId: string;
  name: string;
  unitType: SupervisedTargetKind;
  divisionCode: string;
  divisionAncestors: string[];
  closedManagement: boolean;
  registryVersion: number;
  registeredIn: 'supervision';
  addressLabel: string | null;
}

/** The id a township target has: one per township division code. */
export function townshipTargetId(divisionCode: string): string {
  return `township-${divisionCode}`;
}

/**
 * Registers (or re-registers) a target supervision inspects. A township is its division code
 * (the distribution of vouchers and protection kits is checked township by township); a funeral
 * home keeps the id funeral operations gives it, so signals about it meet its inspections; a
 * sales point gets an id from its division and address label unless the caller names one.
 */
export function registerTarget(
  input: { kind: SupervisedTargetKind; divisionCode: string; targetId?: string; addressLabel?: string },
  current?: { unitType: string; registeredIn?: string },
): RegisteredTarget {
  if (!isDivisionCode(input.divisionCode))
    throw DomainError.invalid('InvalidDivision', 'divisionCode must be an administrative division code', { field: 'divisionCode' });
  const level = divisionLevel(input.divisionCode);
  if (input.kind === 'township') {
    if (level !== 'township')
      throw DomainError.invalid('NotATownship', `divisionCode ${input.divisionCode} is not a township (镇/街道, 9 digits)`, {
        field: 'divisionCode',
      });
    if (input.targetId && input.targetId !== townshipTargetId(input.divisionCode))
      throw DomainError.invalid('TownshipIdFixed', `a township's targetId is ${townshipTargetId(input.divisionCode)}`, {
        field: 'targetId',
      });
  } else if (level !== 'township' && level !== 'village' && level !== 'county') {
    throw DomainError.invalid('DivisionTooWide', `a ${input.kind} lies in a county, township or village, not a ${level}`, {
      field: 'divisionCode',
    });
  }
  const unitId =
    input.kind === 'township'
      ? townshipTargetId(input.divisionCode)
      : (input.targetId ??
        `${input.kind === 'funeral-home' ? 'fh' : 'lo'}-${deterministicId(input.kind, input.divisionCode, input.addressLabel ?? '')}`);
  if (current && (current.registeredIn !== 'supervision' || current.unitType !== input.kind)) {
    throw DomainError.conflict('TargetExists', `targetId ${unitId} names another target (${current.unitType})`, { field: 'targetId' });
  }
  return {
    unitId,
    name: input.addressLabel ?? SUPERVISED_TARGET_KIND_LABELS[input.kind],
    unitType: input.kind,
    divisionCode: input.divisionCode,
    divisionAncestors: divisionAncestors(input.divisionCode),
    closedManagement: false,
    registryVersion: 0,
    registeredIn: 'supervision',
    addressLabel: input.addressLabel ?? null,
  };
}
