import { Injectable } from '@nestjs/common';
import { CEREMONY_KIND_LABELS, CeremonyKind } from '@civil/contracts';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError, maskName, maskPhone } from '@civil/kernel';
import { FieldCipher, InjectClock, Principal } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { BOOKING_STATUS_LABELS, CeremonyBooking, checkBookingTimes } from '../domain/ceremony-suspension';
import { CeremonyBookingRepository } from '../infrastructure/ceremony.repositories';
import { CaseDirectory } from '../../cases/application/case-directory';
import { CeremonyRules } from './ceremony-rules';

export interface BookingInput {
  kind: CeremonyKind;
  startsAt: Date;
  endsAt: Date;
  hall: string;
  caseId: string | null;
  familyContact: { name: string; phone: string };
}

/** Ceremony bookings at a home, refused (409, naming the order) while a suspension covers them. */
@Injectable()
export class CeremonyBookingsService {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly bookings: CeremonyBookingRepository,
    private readonly rules: CeremonyRules,
    private readonly cases: CaseDirectory,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async book(homeId: string, input: BookingInput, by: Principal) {
    const home = await this.homes.homeFor(homeId, by);
    const now = this.clock.now();
    checkBookingTimes(input.startsAt, input.endsAt, now);
    // a case of this home, in the caller's reach; the infectious protocol: no ceremony at all for it
    if (input.caseId) await this.cases.assertCeremonyAllowed(input.caseId, homeId, by);
    await this.rules.assertAllowed(home.divisionCode, input.kind, input.startsAt, input.endsAt);
    const booking: CeremonyBooking = {
      bookingId: `cb-${randomUUID()}`,
      homeId,
      divisionCode: home.divisionCode,
      divisionAncestors: home.divisionAncestors,
      kind: input.kind,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      hall: input.hall,
      caseId: input.caseId,
      familyContact: { name: this.cipher.encrypt(input.familyContact.name), phone: this.cipher.encrypt(input.familyContact.phone) },
      status: 'booked',
      affectedByOrderIds: [],
      bookedBy: by.sub,
      bookedAt: now,
    };
    await this.bookings.store.create(booking, []);
    // an order issued while this booking was being written: either its scan saw the booking, or
    // this second look sees the order, so no booking slips inside an order unflagged
    try {
      await this.rules.assertAllowed(home.divisionCode, input.kind, input.startsAt, input.endsAt);
    } catch (e) {
      await this.bookings.remove(booking.bookingId);
      throw e;
    }
    return this.view(booking);
  }

  async list(homeId: string, by: Principal) {
    await this.homes.homeFor(homeId, by);
    return (await this.bookings.atHome(homeId)).map((b) => this.view(b));
  }

  /** A booking as shown: the family contact masked, labels in zh-CN. */
  view(b: CeremonyBooking) {
    return {
      bookingId: b.bookingId,
      homeId: b.homeId,
      divisionCode: b.divisionCode,
      kind: b.kind,
      kindLabel: CEREMONY_KIND_LABELS[b.kind],
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      hall: b.hall,
      caseId: b.caseId,
      familyContact: {
        name: maskName(this.cipher.decrypt(b.familyContact.name)),
        phone: maskPhone(this.cipher.decrypt(b.familyContact.phone)),
      },
      status: b.status,
      statusLabel: BOOKING_STATUS_LABELS[b.status],
      affectedByOrderIds: b.affectedByOrderIds,
      bookedBy: b.bookedBy,
      bookedAt: b.bookedAt.toISOString(),
    };
  }

  static parseTime(value: string, field: string): Date {
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) throw DomainError.invalid('InvalidTime', `${field} is not a time`, { field });
    return d;
  }
}
