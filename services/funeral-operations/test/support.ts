import { INestApplication } from '@nestjs/common';
import { idNumberCheckChar, SettableClock } from '@civil/kernel';
import { loadConfig } from '@civil/platform';
import { serviceEnv } from '@civil/testing';
import { createApp } from '../src/bootstrap';
import { FuneralOperationsConfig } from '../src/config/funeral-operations.config';

/** funeral-operations in this process, on real Kafka and a real database, with a set clock. */
export async function startFuneralOperations(
  run: { topicPrefix: string; dbName: (s: string) => string },
  clock: SettableClock,
  extra: Record<string, string> = {},
): Promise<INestApplication> {
  return createApp(loadConfig(FuneralOperationsConfig, serviceEnv(run, 'funeral-operations', extra)), clock);
}

export const countyOfficer = { sub: 'task-force-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
export const otherCountyOfficer = { sub: 'task-force-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
export const admin = { sub: 'admin', roles: ['admin' as const], jurisdiction: '33' };

/** Staff of a funeral home (dispatcher, operator, manager): unit staff whose unit is the home. */
export function homeStaff(homeId: string, jurisdiction = '330521', sub = `staff-${homeId}`) {
  return { sub, roles: ['unit-staff' as const], jurisdiction, unitId: homeId };
}

/**
 * A valid 18-character ID number (GB 11643 check digit) for a fictional person: region 330521,
 * the birth date given, and a sequence number (odd: male, even: female).
 */
export function idNumber(birthDate: string, sequence: number): string {
  const first17 = `330521${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
