import { IsCalendarDate } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Length, Matches, ValidateNested } from 'class-validator';

/** A mainland mobile (11 digits from 1) or a landline with its area code. */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const NOTICE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{1,127}$/;

export class AppointmentContactRequest {
  @IsString({ message: 'name must be text' })
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  @IsString({ message: 'phone must be text' })
  @Matches(PHONE, { message: 'phone must be a mobile number (11 digits) or a landline with area code' })
  phone: string;
}

export class BookAppointmentRequest {
  /** The day, Beijing time. */
  @IsCalendarDate({ shapeMessage: 'date must be YYYY-MM-DD' })
  date: string;

  /** Start of the slot, HH:mm Beijing time, on the day's grid (GET …/marriage-appointment-slots). */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'slotStart must be HH:mm' })
  slotStart: string;

  /** Whom the window calls about the appointment (one of the couple). */
  @IsDefined({ message: 'contact must be given' })
  @ValidateNested()
  @Type(() => AppointmentContactRequest)
  contact: AppointmentContactRequest;
}

export class CancelAppointmentRequest {
  @IsString({ message: 'reason must be text' })
  @Length(1, 200, { message: 'reason must be 1–200 characters' })
  reason: string;
}

export class SuspendDayRequest {
  /** The notice (公告) that suspends the day. */
  @Matches(NOTICE_ID, { message: 'noticeId must be 2–128 letters, digits, or . _ : -' })
  noticeId: string;

  @IsCalendarDate({ shapeMessage: 'date must be YYYY-MM-DD' })
  date: string;

  @IsString({ message: 'reason must be text' })
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason: string;
}
