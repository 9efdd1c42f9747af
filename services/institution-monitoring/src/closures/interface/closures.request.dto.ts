import { UNIT_TYPES, UnitType } from '@civil/contracts';
import { IsDivisionCode } from '@civil/platform';
import { ArrayMinSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';

const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{1,127}$/;
const ORDER_ID_MESSAGE = 'must be 2–128 letters, digits, or . _ : -';

export class CloseUnitRequest {
  /** The order (通知 / 指令) that closes the unit. */
  @Matches(ORDER_ID, { message: `orderId ${ORDER_ID_MESSAGE}` })
  orderId: string;

  @IsString()
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason: string;
}

export class ReopenUnitRequest {
  /** The order or decision that ends closed management. */
  @Matches(ORDER_ID, { message: `reopenOrderId ${ORDER_ID_MESSAGE}` })
  reopenOrderId: string;
}

export class IssueClosureOrderRequest {
  @Matches(ORDER_ID, { message: `orderId ${ORDER_ID_MESSAGE}` })
  orderId: string;

  /** Every unit of the named types inside this division closes. */
  @IsDivisionCode({
    levels: ['province', 'city', 'county', 'township'],
    shapeMessage: 'divisionCode must be a province, city, county or township code',
  })
  divisionCode: string;

  @IsArray({ message: 'unitTypes must be a list' })
  @ArrayMinSize(1, { message: 'unitTypes must name at least one unit type' })
  @IsIn(UNIT_TYPES as unknown as string[], { each: true, message: `each unitType must be one of: ${UNIT_TYPES.join(', ')}` })
  unitTypes: UnitType[];

  @IsString()
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason: string;
}
