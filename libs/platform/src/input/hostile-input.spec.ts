import { Body, Controller, Get, INestApplication, Param, Post, Query } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { applyHttpDefaults } from '../bootstrap/http-defaults';
import { JsonLogger } from '../logging/json.logger';
import { IsCalendarDate, IsInstant } from './calendar.validator';
import { DivisionCodePipe, IsDivisionCode } from './division-code.validator';

class ContactDto {
  @IsString() @Length(1, 50) name: string;
  @IsOptional() @IsString() @Length(0, 1000) notes?: string;
  /** No length rule: the empty string is refused all the same, being required. */
  @IsString() relation: string;
}

class MemberDto {
  @IsString() @Length(1, 50) name: string;
  @IsInt() @Min(0) age: number;
}

class CaseDto {
  @IsString() @Length(1, 50) name: string;
  @IsDivisionCode({ levels: ['township', 'village'] }) divisionCode: string;
  @ValidateNested() @Type(() => ContactDto) contact: ContactDto;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => MemberDto) members?: MemberDto[];
  @IsInstant({ notInFuture: true, toDate: true }) diedAt: Date;
  @IsOptional() @IsCalendarDate() until?: string;
  @IsOptional() @IsString() @Length(1, 1000) summary?: string;
  @IsOptional() @IsString() idNumber?: string;
}

class ListQuery {
  @IsOptional() @IsIn(['open', 'closed']) status?: string;
}

const written: CaseDto[] = [];

@Controller('cases')
class CasesController {
  @Post()
  open(@Body() body: CaseDto): { diedAt: string; isDate: boolean } {
    written.push(body);
    return { diedAt: body.diedAt.toISOString(), isDate: body.diedAt instanceof Date };
  }

  @Post('anything')
  anything(@Body() body: Record<string, unknown>): { keys: string[] } {
    written.push(body as never);
    return { keys: Object.keys(body) };
  }

  @Get(':townshipCode')
  list(
    @Param('townshipCode', new DivisionCodePipe('townshipCode', { levels: ['township'] })) townshipCode: string,
    @Query() query: ListQuery,
  ): { townshipCode: string; status?: string } {
    return { townshipCode, status: query.status };
  }
}

const valid = { name: '张三', divisionCode: '330521101', contact: { name: '李四', relation: '子' }, diedAt: '2026-03-05T20:00:00Z' };

function nestedObject(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

describe('hostile input through the HTTP defaults', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [CasesController] }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    applyHttpDefaults(app, { service: 'test', logger: new JsonLogger('test', { destination: { write: () => undefined } }) });
    await app.init();
    http = request(app.getHttpServer());
  });
  afterAll(() => app.close());
  beforeEach(() => {
    written.length = 0;
  });

  const post = (path: string, raw: string) => http.post(path).set('Content-Type', 'application/json').send(raw);

  it('accepts a valid body, with the instant as a Date', async () => {
    const res = await http.post('/cases').send(valid).expect(201);
    expect(res.body).toEqual({ diedAt: '2026-03-05T20:00:00.000Z', isDate: true });
  });

  it.each([
    ['an object 5,000 levels deep', nestedObject(5_000), /^name(\.a){31}$/],
    ['an array 40,000 levels deep', `{"name":${'['.repeat(40_000)}${']'.repeat(40_000)}}`, /^name(\.0){31}$/],
  ])('answers 400 naming the field for %s, on a DTO route and on a route without one', async (_what, inner, field) => {
    const raw = `{"name":${inner.startsWith('{"name":') ? inner.slice(8, -1) : inner}}`;
    for (const path of ['/cases', '/cases/anything']) {
      const res = await post(path, raw).expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'ValidationFailed',
        message: expect.stringContaining('Request body is invalid'),
        fields: [{ field: expect.stringMatching(field), reasons: ['must not nest objects or arrays more than 32 levels deep'] }],
      });
    }
    expect(written).toEqual([]);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await http
      .post('/cases')
      .send({ ...valid, summary: 'x'.repeat(200_000) })
      .expect(413);
    expect(res.body).toEqual({ statusCode: 413, error: 'PayloadTooLarge', message: 'Request body is larger than 100kb' });
  });

  it('refuses __proto__, constructor and prototype keys naming them, instead of dropping them', async () => {
    const res = await post(
      '/cases',
      JSON.stringify(valid)
        .replace('{', '{"__proto__":{"admin":true},')
        .replace('"contact":{', '"contact":{"constructor":{"prototype":1},'),
    ).expect(400);
    expect(res.body.fields).toEqual([
      { field: '__proto__', reasons: ['is not an accepted field name (__proto__)'] },
      { field: 'contact.constructor', reasons: ['is not an accepted field name (constructor)'] },
    ]);
    expect((await post('/cases/anything', '{"prototype":1}').expect(400)).body.fields).toEqual([
      { field: 'prototype', reasons: ['is not an accepted field name (prototype)'] },
    ]);
    expect(written).toEqual([]);
  });

  it('refuses unknown keys in nested objects and in objects of arrays', async () => {
    const res = await http
      .post('/cases')
      .send({
        ...valid,
        contact: { name: 'x', relation: '子', role: 'boss' },
        members: [
          { name: 'a', age: 1 },
          { name: 'b', age: 2, admin: true },
        ],
      })
      .expect(400);
    expect(res.body.fields).toEqual([
      { field: 'contact.role', reasons: ['should not exist'] },
      { field: 'members.1.admin', reasons: ['should not exist'] },
    ]);
  });

  it('answers 400 (not 500) for a required nested object that is missing', async () => {
    const { contact: _c, ...noContact } = valid;
    const res = await http.post('/cases').send(noContact).expect(400);
    expect(res.body.fields).toEqual([{ field: 'contact', reasons: ['must be given'] }]);
  });

  it('refuses control characters, blank and empty required strings, and line breaks outside free text', async () => {
    const res = await http
      .post('/cases')
      .send({ ...valid, name: 'A\u0000B', contact: { name: '   ', relation: '子', notes: '' }, members: [{ name: '\t', age: 1 }] })
      .expect(400);
    expect(res.body.fields).toEqual([
      { field: 'name', reasons: ['must not contain control characters (U+0000 at position 1)'] },
      { field: 'contact.name', reasons: ['must not be blank (only spaces)'] },
      { field: 'members.0.name', reasons: ['must not be blank (only spaces)'] },
    ]);
    const lines = await http
      .post('/cases')
      .send({ ...valid, name: '张\n三', contact: { name: '李四', relation: '' }, idNumber: '', summary: '第一行\n第二行' })
      .expect(400);
    expect(lines.body.fields).toEqual([
      { field: 'name', reasons: ['must be one line (no line breaks or tabs)'] },
      { field: 'contact.relation', reasons: ['must not be blank'] },
    ]);
    await http
      .post('/cases')
      .send({ ...valid, summary: '第一行\n第二行\t完', contact: { name: '李四', relation: '子', notes: '' }, idNumber: '' })
      .expect(201);
  });

  it('refuses a day that does not exist, a year before 1900, a death in the future, and a division code not in the table', async () => {
    const res = await http
      .post('/cases')
      .send({ ...valid, diedAt: '2026-02-30T10:00:00Z', until: '1800-01-01', divisionCode: '330521999' })
      .expect(400);
    expect(res.body.fields).toEqual([
      { field: 'divisionCode', reasons: ['330521999 is not in the administrative division table (行政区划代码不存在)'] },
      { field: 'diedAt', reasons: ['must be a day of the calendar (2026-02-30 does not exist)'] },
      { field: 'until', reasons: ['must not be before 1900-01-01'] },
    ]);
    const future = await http
      .post('/cases')
      .send({ ...valid, diedAt: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(400);
    expect(future.body.fields).toEqual([{ field: 'diedAt', reasons: ['must not be in the future'] }]);
    expect(written).toEqual([]);
  });

  it('checks parameters and queries too', async () => {
    expect((await http.get('/cases/330521101?status=open').expect(200)).body).toEqual({ townshipCode: '330521101', status: 'open' });
    expect((await http.get('/cases/330521999').expect(400)).body).toMatchObject({
      error: 'InvalidTownshipCode',
      details: { field: 'townshipCode' },
    });
    expect((await http.get('/cases/330521101?status=%00').expect(400)).body.fields).toEqual([
      { field: 'status', reasons: [expect.stringContaining('control characters')] },
    ]);
  });
});
