import { INestApplication } from '@nestjs/common';
import { idNumberCheckChar, SettableClock } from '@civil/kernel';
import { loadConfig } from '@civil/platform';
import { serviceEnv } from '@civil/testing';
import { createApp } from '../src/bootstrap';
import { SocialReliefConfig } from '../src/config/social-relief.config';

/** social-relief in this process, on real Kafka and a real database, with a set clock. */
export async function startSocialRelief(
  run: { topicPrefix: string; dbName: (s: string) => string },
  clock: SettableClock,
  extra: Record<string, string> = {},
): Promise<INestApplication> {
  return createApp(loadConfig(SocialReliefConfig, serviceEnv(run, 'social-relief', extra)), clock);
}

export const townshipOfficer = { sub: 'cadre-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
export const otherTownshipOfficer = { sub: 'cadre-330521102', roles: ['township-officer' as const], jurisdiction: '330521102' };
export const countyOfficer = { sub: 'officer-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
export const countyOfficer2 = { sub: 'officer-330521-b', roles: ['county-officer' as const], jurisdiction: '330521' };
export const admin = { sub: 'admin', roles: ['admin' as const], jurisdiction: '33' };

/**
 * A valid 18-character ID number (GB 11643 check digit) for a fictional person: region 330521,
 * the birth date given, and a sequence number (odd: male, even: female).
 */
export function idNumber(birthDate: string, sequence: number): string {
  const first17 = `330521${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
