import { Body, Controller, Get, INestApplication, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DomainError } from '@civil/kernel';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { JsonLogger } from '../logging/json.logger';
import { applyHttpDefaults } from './http-defaults';

class BedsDto {
  @IsInt()
  @Min(0)
  total: number;
}

class DailyReportDto {
  @IsString()
  unitId: string;

  @ValidateNested()
  @Type(() => BedsDto)
  beds: BedsDto;
}

@Controller('reports')
class ReportsController {
  @Post()
  submit(@Body() body: DailyReportDto): { isDto: boolean; total: number } {
    return { isDto: body instanceof DailyReportDto, total: body.beds.total };
  }

  @Get(':kind')
  refuse(@Param('kind') kind: string): never {
    if (kind === 'missing') throw DomainError.notFound('ReportNotFound', 'No report for 2026-03-02', { date: '2026-03-02' });
    if (kind === 'late') throw DomainError.conflict('ReportAlreadySubmitted', 'Already submitted');
    if (kind === 'foreign') throw DomainError.forbidden('OutsideJurisdiction', 'Not yours');
    throw DomainError.invalid('BadDate', 'Not a date');
  }
}

describe('applyHttpDefaults', () => {
  let app: INestApplication;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ReportsController] }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    const logger = new JsonLogger('test', { destination: { write: (s: string) => lines.push(JSON.parse(s)) } });
    expect(applyHttpDefaults(app, { service: 'test', logger })).toBe(logger);
    await app.init();
  });
  afterAll(() => app.close());

  it('logs through the JSON logger', () => {
    expect(lines.some((l) => l.service === 'test' && typeof l.context === 'string')).toBe(true);
  });

  it('transforms a valid body into its DTO', async () => {
    const res = await request(app.getHttpServer())
      .post('/reports')
      .send({ unitId: 'U-1', beds: { total: 4 } })
      .expect(201);
    expect(res.body).toEqual({ isDto: true, total: 4 });
  });

  it('reports each bad field by dotted path, including unknown fields', async () => {
    const res = await request(app.getHttpServer())
      .post('/reports')
      .send({ unitId: 7, beds: { total: -1, extra: true }, note: 'x' })
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'ValidationFailed',
      message: 'Request body is invalid: note, unitId, beds.extra, beds.total',
      fields: [
        { field: 'note', reasons: ['should not exist'] },
        { field: 'unitId', reasons: ['must be a string'] },
        { field: 'beds.extra', reasons: ['should not exist'] },
        { field: 'beds.total', reasons: ['must not be less than 0'] },
      ],
    });
  });

  it.each([
    ['missing', 404, { statusCode: 404, error: 'ReportNotFound', message: 'No report for 2026-03-02', details: { date: '2026-03-02' } }],
    ['late', 409, { statusCode: 409, error: 'ReportAlreadySubmitted', message: 'Already submitted' }],
    ['foreign', 403, { statusCode: 403, error: 'OutsideJurisdiction', message: 'Not yours' }],
    ['other', 400, { statusCode: 400, error: 'BadDate', message: 'Not a date' }],
  ])('maps a DomainError (%s) to %i', async (kind, status, body) => {
    const res = await request(app.getHttpServer()).get(`/reports/${kind}`).expect(status);
    expect(res.body).toEqual(body);
  });
});
