import { INestApplication } from '@nestjs/common';
import { EquipmentFaultReportedV1, EquipmentRepairedV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { createEvent } from '@civil/messaging';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { EquipmentFaultWatchService } from '../src/cases/application/equipment-fault-watch.service';
import { startSupervision } from './support';

const county = { sub: 'o-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
const fault = (faultId: string, equipmentId: string, reportedAt: string) =>
  createEvent(
    EquipmentFaultReportedV1,
    {
      equipmentId,
      kind: 'cremator' as const,
      homeId: 'deqing-funeral-home',
      divisionCode: '330521',
      faultId,
      description: '点火失败',
      outOfService: true,
      reportedAt,
    },
    { time: new Date(reportedAt) },
  );
const repaired = (faultId: string, equipmentId: string, repairedAt: string) =>
  createEvent(
    EquipmentRepairedV1,
    { equipmentId, kind: 'cremator' as const, homeId: 'deqing-funeral-home', divisionCode: '330521', faultId, repairedAt },
    { time: new Date(repairedAt) },
  );

describe('unrepaired equipment: sweeps on two replicas open one case; a repair during the opening still resolves it', () => {
  const run = isolatedRun('sv-equipment-watch');
  const clock = new SettableClock('2026-03-06T00:30:00Z');
  let a: INestApplication;
  let b: INestApplication;
  const cases = async (subjectId: string) =>
    (await request(a.getHttpServer()).get('/cases?caseType=equipment-unrepaired').set(bearer(county)).expect(200)).body.filter(
      (c: { subjectId: string }) => c.subjectId === subjectId,
    );

  beforeAll(async () => {
    a = await startSupervision(run, clock);
    b = await startSupervision(run, clock);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('two faults of one cremator swept at once by two replicas: one case counting both', async () => {
    await a.get(EquipmentFaultWatchService).onFaultReported(fault('f-1', 'cremator-1', '2026-03-06T00:30:00Z'));
    await a.get(EquipmentFaultWatchService).onFaultReported(fault('f-2', 'cremator-1', '2026-03-06T00:31:00Z'));
    clock.set('2026-03-07T01:00:00Z'); // both past 24 h
    const results = await Promise.all([a.get(EquipmentFaultWatchService).sweep(), b.get(EquipmentFaultWatchService).sweep()]);
    expect(results[0].opened + results[1].opened).toBe(2);
    const open = await cases('cremator-1');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: 'open', occurrences: 2, unitId: 'deqing-funeral-home' });
    expect([...open[0].outstanding].sort()).toEqual(['f-1', 'f-2']);
  });

  it('a repair arriving while a crashed sweep held the claim resolves the case once another sweep opens it', async () => {
    await a.get(EquipmentFaultWatchService).onFaultReported(fault('f-3', 'cremator-2', '2026-03-06T02:00:00Z'));
    clock.set('2026-03-07T03:00:00Z');
    // a sweep claimed the watch and stopped before opening the case
    expect(await a.get(EquipmentFaultWatchService).claim('f-3', clock.now(), 60_000)).toBe(true);
    const repair = repaired('f-3', 'cremator-2', '2026-03-07T03:00:10Z');
    await b.get(EquipmentFaultWatchService).onRepaired(repair); // left on the watch, no retry loop
    expect(await b.get(EquipmentFaultWatchService).sweep()).toEqual({ opened: 0 }); // the claim still holds
    clock.set('2026-03-07T03:01:01Z'); // the lease ran out
    expect(await b.get(EquipmentFaultWatchService).sweep()).toEqual({ opened: 1 });
    const [c] = await cases('cremator-2');
    expect(c).toMatchObject({ status: 'resolved', resolution: 'equipment-repaired', resolvingEventId: repair.id });
    expect(await a.get(EquipmentFaultWatchService).sweep()).toEqual({ opened: 0 });
  });
});
