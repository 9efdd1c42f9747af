import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { loadConfig } from '@civil/platform';
import { serviceEnv } from '@civil/testing';
import { createApp } from '../src/bootstrap';
import { InstitutionMonitoringConfig } from '../src/config/institution-monitoring.config';

/** institution-monitoring in this process, on real Kafka and a real database, with a set clock. */
export async function startInstitutionMonitoring(
  run: { topicPrefix: string; dbName: (s: string) => string },
  clock: SettableClock,
): Promise<INestApplication> {
  const config = loadConfig(InstitutionMonitoringConfig, serviceEnv(run, 'institution-monitoring'));
  return createApp(config, clock);
}

export const countyOfficer = { sub: 'officer-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
export const admin = { sub: 'admin', roles: ['admin' as const], jurisdiction: '33' };

export function unit(unitId: string, divisionCode = '330521101', unitType = 'elderly-care-home') {
  return { unitId, name: `${unitId} 养老院`, unitType, operator: 'social-capital', divisionCode, beds: 100, bedsInUse: 80 };
}

export const zeroCounts = {
  residents: 80,
  staffOnDuty: 20,
  newAdmissions: 0,
  temperatureAnomalies: 0,
  suspected: 0,
  confirmed: 0,
  isolated: 0,
  transferred: 0,
  deaths: 0,
  ppeDaysOfCover: 40,
  vaccinatedResidents: 76,
  vaccinatedStaff: 20,
};
