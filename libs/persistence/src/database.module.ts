import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Connection } from 'mongoose';
import { connectMongo, MongoConnectionOptions } from './mongo-connection';

export const DATABASE = Symbol('DATABASE');
export const InjectDatabase = (): ParameterDecorator => Inject(DATABASE);

@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly connection: Connection) {}

  /** Readiness: the database answers a ping. */
  async ping(): Promise<void> {
    await this.connection.db!.command({ ping: 1 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** One database per service, opened before the app starts (with retries while it boots). */
@Module({})
export class DatabaseModule {
  static forRootAsync(config: {
    inject?: any[];
    useFactory: (...deps: any[]) => { url: string; dbName: string } & MongoConnectionOptions;
  }): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: DATABASE,
          inject: config.inject ?? [],
          useFactory: async (...deps: unknown[]) => {
            const { url, dbName, ...options } = config.useFactory(...deps);
            return connectMongo(url, dbName, options);
          },
        },
        DatabaseLifecycle,
      ],
      exports: [DATABASE, DatabaseLifecycle],
    };
  }
}
