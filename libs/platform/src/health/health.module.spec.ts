import { Injectable, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { AuthModule } from '../auth/auth.module';
import { HealthController } from './health.controller';
import { HealthModule } from './health.module';
import { readinessCheck } from './readiness-check';

@Injectable()
class FakeBroker {
  connected = true;
  async ping(): Promise<void> {
    if (!this.connected) throw new Error('broker 127.0.0.1:19092 unreachable');
  }
}

@Module({ providers: [FakeBroker], exports: [FakeBroker] })
class BrokerModule {}

describe('HealthModule', () => {
  const { publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  let app: INestApplication;
  let broker: FakeBroker;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        // The guard is global in services; the probes must still answer without a token.
        AuthModule.forRoot({ publicKeyPem: publicKey, issuer: 'i', audience: 'a' }),
        HealthModule.forRoot({
          imports: [BrokerModule],
          checkTimeoutMs: 200,
          checks: [
            { name: 'mongo', check: async () => undefined },
            readinessCheck('kafka', (b: FakeBroker) => b.ping(), [FakeBroker]),
            { name: 'disk', check: async () => undefined },
          ],
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    broker = app.get(FakeBroker);
    await app.init();
  });
  afterAll(() => app.close());

  it('is live without a token', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
  });

  it('is ready when every check passes', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
    expect(Object.keys(res.body.details)).toEqual(['mongo', 'kafka', 'disk']);
  });

  it('answers 503 naming the failing check and its reason', async () => {
    broker.connected = false;
    try {
      const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.error).toEqual({ kafka: { status: 'down', message: 'broker 127.0.0.1:19092 unreachable' } });
      expect(res.body.info.mongo).toEqual({ status: 'up' });
    } finally {
      broker.connected = true;
    }
  });

  it('counts a hanging check as down', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HealthModule.forRoot({ checkTimeoutMs: 50, checks: [{ name: 'mongo', check: () => new Promise(() => undefined) }] })],
    }).compile();
    const hanging = moduleRef.createNestApplication({ logger: false });
    await hanging.init();
    try {
      const res = await request(hanging.getHttpServer()).get('/health/ready').expect(503);
      expect(res.body.error.mongo.message).toBe('no answer within 50 ms');
    } finally {
      await hanging.close();
    }
  });

  it('reports not ready once shutdown has begun', async () => {
    app.get(HealthController).beforeApplicationShutdown();
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body.error).toEqual({ shutdown: { status: 'down', message: 'shutting down' } });
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });
});
