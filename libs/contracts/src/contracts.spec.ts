import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CONTRACTS, ALL_TOPICS, CONTRACTS_BY_CONTEXT } from './catalog';
import { asyncApiDocument, READING_SERVICES, readerAsyncApiDocument } from './asyncapi';
import { breakingChanges } from './schema-compatibility';
import { validatePayload } from './schema-validator';

const PERSONAL_FIELD = /(idnumber|idcard|identity|phone|mobile|residentname|personname|address|birth)/i;

function propertyNames(schema: Record<string, unknown>): string[] {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(props).flatMap(([k, v]) => [k, ...propertyNames(v)]);
}

describe('event contracts', () => {
  it.each(ALL_CONTRACTS.map((c) => [c.name, c]))('%s: its example satisfies its schema', (_n, c) => {
    expect(validatePayload(c, c.example)).toEqual([]);
  });

  it.each(ALL_CONTRACTS.map((c) => [c.name, c]))('%s: names a declared topic, a versioned type and a key', (_n, c) => {
    expect(ALL_TOPICS.map((t) => t.name)).toContain(c.topic);
    expect(c.type).toMatch(new RegExp(`^cn\\.gov\\.civilaffairs\\.[a-z-]+\\.[a-z-]+\\.v${c.version}$`));
    expect(c.topic).toMatch(/^[a-z-]+\.[a-z-]+\.v\d+$/);
    expect(c.keyOf(c.example)).toEqual(expect.any(String));
    expect(c.regionOf(c.example)).toMatch(/^\d{2,12}$/);
  });

  it.each(ALL_CONTRACTS.map((c) => [c.name, c]))('%s: carries no personal identifier', (_n, c) => {
    expect(propertyNames(c.schema).filter((p) => PERSONAL_FIELD.test(p))).toEqual([]);
  });

  it('rejects a payload with a missing field and a wrong type, naming both', () => {
    const c = ALL_CONTRACTS.find((x) => x.name === 'ReportMissed')!;
    const { unitId: _drop, ...rest } = c.example as Record<string, unknown>;
    const reasons = validatePayload(c, { ...rest, reportDate: 20260302 });
    expect(reasons.join('; ')).toContain("must have required property 'unitId'");
    expect(reasons.join('; ')).toContain('/reportDate must be string');
  });

  it.each(ALL_CONTRACTS.map((c) => [c.name, c]))('%s: stays compatible with its released schema', (_n, c) => {
    const file = join(__dirname, '..', 'released', `${c.type}.schema.json`);
    expect(existsSync(file)).toBe(true);
    const released = JSON.parse(readFileSync(file, 'utf8'));
    expect(breakingChanges(released, c.schema)).toEqual([]);
  });

  it('detects a breaking change', () => {
    const released = { type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { enum: ['x', 'y'] } } };
    const next = {
      type: 'object',
      required: ['a', 'c'],
      properties: { a: { type: 'integer' }, b: { enum: ['x'] }, c: { type: 'string' } },
    };
    expect(breakingChanges(released, next)).toEqual([
      '/a: type changed from string to integer',
      '/b: enum value y removed',
      '/c: newly required (old producers do not send it)',
    ]);
  });

  it.each(Object.keys(CONTRACTS_BY_CONTEXT))('the committed AsyncAPI document of %s is the generated one', (context) => {
    const file = join(__dirname, '../../..', 'docs/asyncapi', `${context}.asyncapi.json`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(asyncApiDocument(context));
  });

  it.each(Object.keys(READING_SERVICES))('the committed AsyncAPI document of %s (a reading service) is the generated one', (service) => {
    const file = join(__dirname, '../../..', 'docs/asyncapi', `${service}.asyncapi.json`);
    const doc = readerAsyncApiDocument(service) as { operations: Record<string, { action: string }> };
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(doc);
    expect(Object.values(doc.operations).every((o) => o.action === 'receive')).toBe(true);
    expect(Object.keys(doc.operations)).toContain('receive-institution-monitoring.daily-report.v1.dlt');
  });
});

describe("the README's table of events", () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Events\n'), readme.indexOf('\n## ', readme.indexOf('\n## Events\n') + 1));
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));

  it.each(ALL_CONTRACTS.map((c) => [c.name, c]))('%s: is listed with its topic', (_n, c) => {
    expect(rows.filter((r) => r.includes(`\`${c.name}\``) && r.includes(`\`${c.topic}\``))).toHaveLength(1);
  });
});
