import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { CurrentPrincipal, Public, Roles } from './auth.decorators';
import { AuthModule } from './auth.module';
import { Principal } from './principal.model';
import { mintToken } from './token.minter';

@Controller('cases')
class CasesController {
  @Get('mine')
  mine(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('escalated')
  @Roles('county-officer', 'inspector')
  escalated(): { ok: true } {
    return { ok: true };
  }

  @Get('open-data')
  @Public()
  openData(): { ok: true } {
    return { ok: true };
  }
}

@Roles('admin')
@Controller('admin')
class AdminController {
  @Get()
  index(): { ok: true } {
    return { ok: true };
  }
}

describe('JwtAuthGuard', () => {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const issuer = { issuer: 'civil-affairs-test', audience: 'civil-affairs' };
  const bearer = (claims: Parameters<typeof mintToken>[0]) => `Bearer ${mintToken(claims, keys.privateKey, issuer)}`;
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ publicKeyPem: keys.publicKey, ...issuer })],
      controllers: [CasesController, AdminController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('answers 401 without a token, with a challenge', async () => {
    const res = await request(app.getHttpServer()).get('/cases/mine').expect(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing bearer token (Authorization: Bearer <jwt>)' });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('answers 401 for an invalid token, saying why', async () => {
    const expired = bearer({ sub: 'a', roles: ['admin'], jurisdiction: '33', ttl: -120 });
    const res = await request(app.getHttpServer()).get('/cases/mine').set('Authorization', expired).expect(401);
    expect(res.body.message).toMatch(/^Token expired at/);
    await request(app.getHttpServer()).get('/cases/mine').set('Authorization', 'Bearer not.a.jwt').expect(401);
    await request(app.getHttpServer()).get('/cases/mine').set('Authorization', 'Basic dTpw').expect(401);
  });

  it('hands the verified caller to the handler', async () => {
    const res = await request(app.getHttpServer())
      .get('/cases/mine')
      .set('Authorization', bearer({ sub: 'bob', roles: ['unit-staff'], jurisdiction: '330521101', unitId: 'U-1' }))
      .expect(200);
    expect(res.body).toEqual({ sub: 'bob', roles: ['unit-staff'], jurisdiction: '330521101', unitId: 'U-1' });
  });

  it('answers 403 when no listed role is held, on methods and on classes', async () => {
    const officer = bearer({ sub: 'alice', roles: ['township-officer'], jurisdiction: '330521101' });
    const res = await request(app.getHttpServer()).get('/cases/escalated').set('Authorization', officer).expect(403);
    expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Requires one of the roles: county-officer, inspector' });
    await request(app.getHttpServer()).get('/admin').set('Authorization', officer).expect(403);

    const inspector = bearer({ sub: 'ivy', roles: ['inspector'], jurisdiction: '33' });
    await request(app.getHttpServer()).get('/cases/escalated').set('Authorization', inspector).expect(200);
    await request(app.getHttpServer())
      .get('/admin')
      .set('Authorization', bearer({ sub: 'root', roles: ['admin'], jurisdiction: '33' }))
      .expect(200);
  });

  it('lets public routes through without a token', async () => {
    await request(app.getHttpServer()).get('/cases/open-data').expect(200, { ok: true });
  });
});
