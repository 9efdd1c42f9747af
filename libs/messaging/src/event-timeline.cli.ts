import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, contractByType } from '@civil/contracts';
import { fromKafkaMessage } from './envelope/kafka-binary-mode';
import { createKafka } from './kafka/kafka-client.factory';
import { silentLogger } from './logger';
import { TopicNames } from './topics/topic-names';

/**
 * Prints the events on every contract topic as a timeline (`npm run events`), oldest first:
 *   --correlation <id>  only one flow (ce_correlationid), e.g. one sweep and what it caused
 *   --follow            keep printing new events (Ctrl-C to stop)
 *   --until-type <Name> exit once an event of that name is seen (with --follow)
 *   --timeout <s>       give up waiting after that many seconds (default 120)
 * KAFKA_BROKERS and KAFKA_TOPIC_PREFIX choose the cluster and deployment.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function summary(type: string, data: Record<string, unknown>): string {
  const pick = ['unitId', 'subjectId', 'reportDate', 'level', 'fromLevel', 'toLevel', 'late', 'occurrences', 'resolution'];
  return pick
    .filter((k) => data[k] !== undefined)
    .map((k) => `${k}=${String(data[k])}`)
    .join(' ');
}

async function main(): Promise<void> {
  const follow = process.argv.includes('--follow');
  const correlation = arg('correlation');
  const untilType = arg('until-type');
  const timeoutMs = Number(arg('timeout') ?? 120) * 1000;
  const names = new TopicNames(process.env.KAFKA_TOPIC_PREFIX ?? '');
  const kafka = createKafka({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
    clientId: 'event-timeline',
    logger: silentLogger,
  });
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  await admin.disconnect();
  const topics = ALL_TOPICS.map((t) => names.physical(t.name)).filter((t) => existing.has(t));
  if (!topics.length) {
    console.log('no event topics yet');
    return;
  }
  const consumer = kafka.consumer({ groupId: `event-timeline-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let lastSeen = Date.now();
  let done = false;
  // the backlog comes from several partitions at once: hold it until the topics go quiet and print
  // it in event-time order; after that, print live events as they arrive
  let backlog: { time: string; line: string }[] | undefined = [];
  const print = (time: string, line: string) => (backlog ? backlog.push({ time, line }) : console.log(line));
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      lastSeen = Date.now();
      try {
        const e = fromKafkaMessage(message.headers, message.value);
        if (correlation && e.correlationId !== correlation) return;
        const name = contractByType(e.type)?.name ?? e.type;
        const data = (e.data ?? {}) as Record<string, unknown>;
        print(
          e.time,
          `${e.time}  ${name.padEnd(22)} ${names.logical(topic).padEnd(40)} ${summary(e.type, data)}  corr=${e.correlationId.slice(0, 8)} cause=${e.causationId.slice(0, 8)} id=${e.id.slice(0, 8)}`,
        );
        if (untilType && name === untilType) done = true;
      } catch (err) {
        console.log(`(unreadable message on ${topic} at offset ${message.offset}: ${(err as Error).message})`);
      }
    },
  });
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (backlog && Date.now() - lastSeen > 1000) {
        backlog.sort((a, b) => a.time.localeCompare(b.time)).forEach((b) => console.log(b.line));
        backlog = undefined;
      }
      const idle = Date.now() - lastSeen > 3000;
      if ((done && !backlog) || (!follow && idle && !backlog) || Date.now() - started > timeoutMs) {
        clearInterval(timer);
        resolve();
      }
    }, 250);
    process.once('SIGINT', () => resolve());
  });
  await consumer.disconnect();
}

main().catch((e) => {
  console.error(`events: ${(e as Error).message}`);
  process.exit(1);
});
