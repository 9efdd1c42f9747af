import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DomainError } from '@civil/kernel';
import { applyHttpDefaults } from '../bootstrap/http-defaults';
import { Public } from '../auth/auth.decorators';
import { outageBody } from './outage-error.filter';
import { JsonLogger } from '../logging/json.logger';
import { Writable } from 'node:stream';

@Controller()
class FailingController {
  @Public()
  @Get('outage')
  outage(): never {
    throw Object.assign(new Error('Server selection timed out after 5000 ms'), { name: 'MongoServerSelectionError' });
  }

  @Public()
  @Get('bug')
  bug(): never {
    throw new TypeError('x is undefined');
  }

  @Public()
  @Get('conflict')
  conflict(): never {
    throw DomainError.conflict('AlreadyThere', 'it is there already');
  }
}

describe('HTTP errors during an outage', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [FailingController] }).compile();
    app = moduleRef.createNestApplication();
    const quiet = new Writable({ write: (_c, _e, done) => done() });
    applyHttpDefaults(app, { service: 'test', logger: new JsonLogger('test', { destination: quiet }) });
    await app.init();
  });

  afterAll(() => app.close());

  it('answers 503 with Retry-After when the database or broker is unreachable', async () => {
    const res = await request(app.getHttpServer()).get('/outage').expect(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({ statusCode: 503, error: 'ServiceUnavailable' });
    expect(res.body.message).toContain('nothing was saved');
  });

  it('leaves other errors to their own mapping', async () => {
    await request(app.getHttpServer()).get('/bug').expect(500);
    const conflict = await request(app.getHttpServer()).get('/conflict').expect(409);
    expect(conflict.body.error).toBe('AlreadyThere');
  });
});

describe('outageBody', () => {
  it('says nothing was saved when the server was unreachable, and that it may have been when it stopped answering', () => {
    expect(outageBody(Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoServerSelectionError' })).message).toContain(
      'nothing was saved',
    );
    const timedOut = outageBody(Object.assign(new Error('connection 4 timed out'), { name: 'MongoNetworkTimeoutError' }));
    expect(timedOut).toMatchObject({ statusCode: 503, error: 'ServiceUnavailable' });
    expect(timedOut.message).toContain('may or may not have been saved');
  });
});
