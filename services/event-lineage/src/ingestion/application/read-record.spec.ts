import { ReportMissedV1 } from '@civil/contracts';
import { createEvent, deadLetterOf, TopicNames, toKafkaRecord } from '@civil/messaging';
import { recordOf } from './read-record';

describe('recordOf', () => {
  const names = new TopicNames('t-x.');
  const data = {
    reportId: 'u-1:2026-03-02',
    unitId: 'u-1',
    unitType: 'elderly-care-home' as const,
    divisionCode: '330521101',
    reportDate: '2026-03-02',
    deadline: '2026-03-02T02:00:00.000Z',
    detectedAt: '2026-03-02T02:00:05.000Z',
  };
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const event = createEvent(ReportMissedV1, data, {
    time: new Date('2026-03-02T02:00:05Z'),
    correlationId: 'sweep-1',
    causationId: 'req-1',
    traceparent,
  });
  const out = toKafkaRecord(event, ReportMissedV1.topic, 'u-1');
  const message = {
    key: Buffer.from('u-1'),
    value: Buffer.from(out.value),
    offset: '7',
    timestamp: String(Date.parse('2026-03-02T02:00:06Z')),
    headers: out.headers,
  };

  it('reads the envelope as the platform writes it', () => {
    const { event: doc } = recordOf(names, { topic: 't-x.institution-monitoring.daily-report.v1', partition: 2, message });
    expect(doc).toMatchObject({
      _id: event.id,
      eventId: event.id,
      type: ReportMissedV1.type,
      sourceService: 'institution-monitoring',
      subject: 'u-1:2026-03-02',
      region: '330521101',
      regionAncestors: ['33', '3305', '330521', '330521101'],
      correlationId: 'sweep-1',
      causationId: 'req-1',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      topic: 'institution-monitoring.daily-report.v1',
      partition: 2,
      offset: 7,
      key: 'u-1',
      payload: data,
    });
    expect(doc!.recordedAt.toISOString()).toBe('2026-03-02T02:00:06.000Z');
  });

  it('keeps a record that is no event under its position, with the reason and its bytes', () => {
    const { event: doc } = recordOf(names, {
      topic: 't-x.institution-monitoring.daily-report.v1',
      partition: 0,
      message: { ...message, value: Buffer.from('{oops'), headers: { ...out.headers, 'content-type': 'text/plain' } },
    });
    expect(doc).toMatchObject({
      _id: 'institution-monitoring.daily-report.v1|0|7',
      eventId: event.id,
      unreadable: 'unsupported content-type text/plain',
      payloadText: '{oops',
    });
  });

  it('reads a dead letter with where it came from and why', () => {
    const dead = deadLetterOf(
      { ...message, attributes: 0, size: 0 } as any,
      { topic: 't-x.institution-monitoring.daily-report.v1', partition: 2, group: 't-x.supervision' },
      'schema-invalid',
      'reportDate missing',
      0,
      new Date('2026-03-02T02:00:07Z'),
    );
    const { deadLetter } = recordOf(names, {
      topic: 't-x.institution-monitoring.daily-report.v1.dlt',
      partition: 0,
      message: { key: dead.key, value: dead.value as Buffer, offset: '3', timestamp: message.timestamp, headers: dead.headers },
    });
    expect(deadLetter).toMatchObject({
      _id: 'institution-monitoring.daily-report.v1.dlt|0|3',
      dltTopic: 'institution-monitoring.daily-report.v1.dlt',
      originalTopic: 'institution-monitoring.daily-report.v1',
      originalPartition: 2,
      originalOffset: 7,
      reason: 'schema-invalid: reportDate missing',
      attempts: 0,
      eventId: event.id,
      type: ReportMissedV1.type,
      region: '330521101',
      consumerGroup: 't-x.supervision',
      replayCount: 0,
    });
    expect(Buffer.from(deadLetter!.valueBase64!, 'base64').toString()).toBe(out.value);
  });
});
