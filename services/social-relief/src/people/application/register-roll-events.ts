import { ReliefRegister, ReliefStatusChangedV1 } from '@civil/contracts';
import { OutboxEntry, outboxEntry } from '@civil/messaging';

/** What happened on the register roll in one bucket write that others hear of. */
export type RegisterRollChange =
  /** A person's current registers changed (by person key, never the ID number). */
  | { type: 'relief-status-changed'; personKey: string; registers: ReliefRegister[]; divisionCode: string; at: Date }
  /** Events a person's document still held from before the roll, moved into the bucket's outbox as they were. */
  | { type: 'moved-from-person'; events: readonly OutboxEntry[] };

/** The roll's events, from the changes of one bucket write (ReliefStatusChanged, one per change of registers). */
export function registerRollEvents(changes: readonly RegisterRollChange[]): OutboxEntry[] {
  return changes.flatMap((c) => {
    switch (c.type) {
      case 'relief-status-changed':
        return [
          outboxEntry(
            ReliefStatusChangedV1,
            { personKey: c.personKey, registers: c.registers, divisionCode: c.divisionCode, changedAt: c.at.toISOString() },
            { time: c.at },
          ),
        ];
      case 'moved-from-person':
        return [...c.events];
    }
  });
}
