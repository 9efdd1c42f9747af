import { BaseRpcContext, CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { EventEnvelope } from '../envelope/event-envelope';
import { BatchEventHandler, ConsumerRunnerOptions, EventConsumerRunner, EventHandler } from '../consumer/event-consumer.runner';

/** Context given to `@Ctx()`: the whole envelope (ids, correlation, region). */
export class KafkaEventContext extends BaseRpcContext<[EventEnvelope<unknown>]> {
  getEvent(): EventEnvelope<unknown> {
    return this.args[0];
  }
}

export type RunnerFactory = (handlers: Map<string, EventHandler>, batchHandlers: Map<string, BatchEventHandler>) => EventConsumerRunner;

/** `@EventPattern(type, BATCH)`: the handler takes an array of events (consecutive events of its type in a partition). */
export const BATCH = { batch: true } as const;

/**
 * A Nest transport that keeps the `@EventPattern(<ce type>)` handler style but consumes through
 * our EventConsumerRunner (batches, parallel partitions, dead letters) instead of the stock Kafka
 * transport, which handles one message at a time and has no dead-letter path.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private runner?: EventConsumerRunner;

  constructor(private readonly createRunner: RunnerFactory) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const handlers = new Map<string, EventHandler>();
      const batchHandlers = new Map<string, BatchEventHandler>();
      for (const [pattern, handler] of this.getHandlers()) {
        // Several controllers may handle one event type: Nest chains them on `next`, and calling the
        // first would call the others with the same input. The chain is taken apart and each handler
        // called here, in order, with what it takes; the event is done only when all are done, and a
        // retry runs them all again, so each must be idempotent, as every handler is.
        const chain: MessageHandler[] = [];
        for (let h: MessageHandler | undefined = handler; h; h = h.next) chain.push(h);
        for (const h of chain) h.next = undefined;
        if (chain.some((h) => h.extras?.batch)) {
          // a type with a batch handler is consumed in runs: its other handlers take the run's events one by one
          batchHandlers.set(pattern, async (events) => {
            for (const h of chain) {
              for (const input of h.extras?.batch ? [events] : events) {
                const result = await h(input, new KafkaEventContext([Array.isArray(input) ? input[0] : input]));
                await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
              }
            }
          });
          continue;
        }
        handlers.set(pattern, async (event) => {
          for (const h of chain) {
            const result = await h(event, new KafkaEventContext([event]));
            await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          }
        });
      }
      if (handlers.size || batchHandlers.size) {
        this.runner = this.createRunner(handlers, batchHandlers);
        await this.runner.start();
      }
      callback();
    } catch (e) {
      callback(e);
    }
  }

  async close(): Promise<void> {
    await this.runner?.stop();
    this.runner = undefined;
  }

  on(): void {
    throw new Error('KafkaEventTransport does not emit status events');
  }

  unwrap<T>(): T {
    return this.runner as T;
  }

  get consumer(): EventConsumerRunner | undefined {
    return this.runner;
  }
}

export type { ConsumerRunnerOptions };

/** Attaches the event transport to a Nest app and starts consuming (no-op without handlers). */
export async function startEventTransport(app: {
  get<T>(token: new (...args: never[]) => T): T;
  connectMicroservice(options: unknown, hybrid?: unknown): unknown;
  startAllMicroservices(): Promise<unknown>;
}): Promise<KafkaEventTransport> {
  const transport = app.get(KafkaEventTransport);
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: false });
  await app.startAllMicroservices();
  return transport;
}
