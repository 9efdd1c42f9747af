import { DONATION_GIFT_KINDS, DONATION_RECIPIENT_TYPES, DONATION_STATUSES, DONOR_KINDS } from '@civil/contracts';
import type { DonationGiftKind, DonationRecipientType, DonationStatus, DonorKind } from '@civil/contracts';
import { IsCalendarDate, IsDivisionCode, IsInstant } from '@civil/platform';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';

const oneOf = (field: string, values: readonly string[]) => `${field} must be one of: ${values.join(', ')}`;

export class ReceiveDonationRequest {
  /** The receiving division (a county or a township) inside the caller's jurisdiction. */
  @IsDivisionCode({ levels: ['county', 'township'], shapeMessage: 'divisionCode must be a 6-digit county or 9-digit township code' })
  divisionCode: string;

  @IsIn(DONOR_KINDS as unknown as string[], { message: oneOf('donorKind', DONOR_KINDS) })
  donorKind: DonorKind;

  /** Kept encrypted and shown masked; never published (an individual's name is personal data). */
  @IsString()
  @Length(1, 100, { message: 'donorName must be 1–100 characters' })
  donorName: string;

  @IsIn(DONATION_GIFT_KINDS as unknown as string[], { message: oneOf('giftKind', DONATION_GIFT_KINDS) })
  giftKind: DonationGiftKind;

  /** Money: the amount in fen (whole). */
  @ValidateIf((o: ReceiveDonationRequest) => o.giftKind === 'money' || o.amountFen !== undefined)
  @IsInt({ message: 'amountFen must be a whole number of fen (required for money)' })
  @Min(1, { message: 'amountFen must be at least 1' })
  @Max(100_000_000_000, { message: 'amountFen must be at most 100,000,000,000' })
  amountFen?: number;

  /** Goods: what they are (医用口罩, 大米). */
  @ValidateIf((o: ReceiveDonationRequest) => o.giftKind === 'goods' || o.item !== undefined)
  @IsString({ message: 'item is required for goods' })
  @Length(1, 50, { message: 'item must be 1–50 characters' })
  item?: string;

  /** Goods: how many, in `unit`. */
  @ValidateIf((o: ReceiveDonationRequest) => o.giftKind === 'goods' || o.quantity !== undefined)
  @IsInt({ message: 'quantity must be a whole number (required for goods)' })
  @Min(1, { message: 'quantity must be at least 1' })
  @Max(100_000_000, { message: 'quantity must be at most 100,000,000' })
  quantity?: number;

  /** Goods: the unit (个, 袋, 箱). */
  @ValidateIf((o: ReceiveDonationRequest) => o.giftKind === 'goods' || o.unit !== undefined)
  @IsString({ message: 'unit is required for goods' })
  @Length(1, 10, { message: 'unit must be 1–10 characters' })
  unit?: string;

  /** The donor's stated purpose (定向用途), if any. */
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'purpose must be 1–200 characters' })
  purpose?: string;

  /** When it was received (ISO 8601); now if absent; never in the future. */
  @IsOptional()
  @IsInstant({ notInFuture: true, shapeMessage: 'receivedAt must be an ISO 8601 date-time' })
  receivedAt?: string;
}

export class AllocateDonationRequest {
  @IsIn(DONATION_RECIPIENT_TYPES as unknown as string[], { message: oneOf('recipientType', DONATION_RECIPIENT_TYPES) })
  recipientType: DonationRecipientType;

  /** A unit id (敬老院, 儿童福利院… as institution monitoring registered it) or a household id. */
  @IsString()
  @Length(1, 128, { message: 'recipientId must be 1–128 characters' })
  recipientId: string;

  /** Fen for money, units of the goods otherwise. */
  @IsInt({ message: 'quantity must be a whole number' })
  @Min(1, { message: 'quantity must be at least 1' })
  quantity: number;
}

export class ListDonationsQuery {
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @IsOptional()
  @IsIn(DONATION_STATUSES as unknown as string[], { message: oneOf('status', DONATION_STATUSES) })
  status?: DonationStatus;
}

export class DisclosureQuery {
  @IsDivisionCode({ levels: ['province', 'city', 'county', 'township'] })
  divisionCode: string;

  @IsCalendarDate({ shapeMessage: 'from must be a date YYYY-MM-DD' })
  from: string;

  @IsCalendarDate({ shapeMessage: 'to must be a date YYYY-MM-DD' })
  to: string;
}
