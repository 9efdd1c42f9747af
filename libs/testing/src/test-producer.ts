import type { ProducerPort } from '@civil/messaging';
import { kafkaBrokers } from './infra';

/**
 * The producer a test publishes through, chosen by KAFKA_TEST_PRODUCER: unset or `kafkajs` (the
 * services' client, what KafkaEventPublisher builds itself), or `platformatic` (the
 * @platformatic/kafka adapter behind the same port), so the guarantee tests can be run against
 * either. Spread into KafkaEventPublisher's options; it takes the place of `thread` when set.
 */
export function testProducerOptions(clientId: string): { producer?: ProducerPort } {
  const client = process.env.KAFKA_TEST_PRODUCER ?? 'kafkajs';
  if (client === 'kafkajs') return {};
  if (client === 'platformatic') {
    // loaded on demand, as infra.ts loads the messaging lib: a test that never publishes does not load it
    const { PlatformaticProducer } = require('@civil/messaging') as typeof import('@civil/messaging');
    return { producer: new PlatformaticProducer({ brokers: kafkaBrokers(), clientId }) };
  }
  throw new Error(`KAFKA_TEST_PRODUCER=${client}: kafkajs or platformatic`);
}
