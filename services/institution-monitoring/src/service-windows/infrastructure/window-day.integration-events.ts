import { MarriageAppointmentCancelledV1, ServiceDaySuspendedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { WindowDay, WindowDayChange } from '../domain/window-day';

/**
 * A window day's integration events: the suspension of the day, and each appointment it cancelled
 * (or that was withdrawn). Appointment refs only: the contact stays in the day's document.
 */
export const windowDayEvents: EventMapper<WindowDay, WindowDayChange> = (changes, day) => {
  const unit = { unitId: day.unitId, unitType: day.unitType, divisionCode: day.divisionCode };
  const cancelled = changes.filter((c) => c.type === 'cancelled' && c.cause === 'day-suspended').length;
  return changes.map((c) => {
    if (c.type === 'suspended') {
      const s = day.suspension!;
      return outboxEntry(
        ServiceDaySuspendedV1,
        {
          ...unit,
          noticeId: s.noticeId,
          date: day.date,
          reason: s.reason,
          announcedAt: s.announcedAt.toISOString(),
          daysAhead: s.daysAhead,
          cancelledAppointments: cancelled,
        },
        { time: c.at, id: deterministicId(ServiceDaySuspendedV1.type, day.unitId, day.date) },
      );
    }
    const a = day.appointments.find((x) => x.appointmentRef === c.appointmentRef)!;
    return outboxEntry(
      MarriageAppointmentCancelledV1,
      {
        ...unit,
        appointmentRef: a.appointmentRef,
        date: a.date,
        slotStart: a.slotStart,
        cause: c.cause,
        noticeId: a.cancellation?.noticeId ?? null,
        cancelledAt: c.at.toISOString(),
      },
      { time: c.at, id: deterministicId(MarriageAppointmentCancelledV1.type, a.appointmentRef) },
    );
  });
};
