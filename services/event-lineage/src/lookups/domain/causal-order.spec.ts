import { causalOrder } from './causal-order';

describe('causalOrder', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 2, 0, s)).toISOString();

  it('puts every cause before its effects, even when an effect says an earlier time', () => {
    const events = [
      { eventId: 'case', causationId: 'missed', occurredAt: at(1), recordedAt: at(1) },
      { eventId: 'escalated', causationId: 'case', occurredAt: at(9), recordedAt: at(9) },
      // the publishing service's clock ran behind: its time is before its cause's
      { eventId: 'missed', causationId: 'sweep-request', occurredAt: at(5), recordedAt: at(5) },
      { eventId: 'other', causationId: 'sweep-request', occurredAt: at(3), recordedAt: at(3) },
    ];
    const { events: ordered, edges } = causalOrder(events);
    expect(ordered.map((e) => e.eventId)).toEqual(['other', 'missed', 'case', 'escalated']);
    expect(edges).toEqual([
      { from: 'missed', to: 'case', delayMs: -4000 },
      { from: 'case', to: 'escalated', delayMs: 8000 },
    ]);
  });

  it('places a replayed copy right after the first record (same occurredAt), and every record once', () => {
    const events = [
      { eventId: 'e1', causationId: 'e1', occurredAt: at(1), recordedAt: at(1) },
      { eventId: 'e1', causationId: 'e1', occurredAt: at(1), recordedAt: at(30) },
      { eventId: 'e2', causationId: 'e1', occurredAt: at(31), recordedAt: at(31) },
      { recordedAt: at(2) },
    ];
    const { events: ordered } = causalOrder(events);
    expect(ordered).toHaveLength(4);
    expect(ordered.map((e) => e.recordedAt)).toEqual([at(1), at(30), at(2), at(31)]);
  });
});
