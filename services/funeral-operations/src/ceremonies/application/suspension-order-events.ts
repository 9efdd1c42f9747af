import { CeremoniesSuspendedV1, CeremonySuspensionLiftedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { SuspensionOrder } from '../domain/ceremony-suspension';

export type SuspensionOrderChange = { type: 'issued'; at: Date } | { type: 'lifted'; at: Date };

/** CeremoniesSuspended and CeremonySuspensionLifted, each id derived from the order: one event however often it is sent. */
export const suspensionOrderEvents: EventMapper<SuspensionOrder, SuspensionOrderChange> = (changes, o) =>
  changes.map((c) =>
    c.type === 'issued'
      ? outboxEntry(
          CeremoniesSuspendedV1,
          {
            orderId: o.orderId,
            divisionCode: o.divisionCode,
            kinds: o.kinds,
            reason: o.reason,
            from: o.from.toISOString(),
            until: o.until?.toISOString() ?? null,
          },
          { time: c.at, id: deterministicId(CeremoniesSuspendedV1.type, o.orderId) },
        )
      : outboxEntry(
          CeremonySuspensionLiftedV1,
          { orderId: o.orderId, divisionCode: o.divisionCode, kinds: o.kinds, liftedAt: c.at.toISOString() },
          { time: c.at, id: deterministicId(CeremonySuspensionLiftedV1.type, o.orderId) },
        ),
  );
