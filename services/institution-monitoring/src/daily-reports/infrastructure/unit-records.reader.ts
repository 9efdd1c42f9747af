import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@civil/kernel';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { Resident, settle } from '../../residents/domain/resident';
import { isStillResident } from '../../residents/domain/resident-status';
import type { UnitRecords } from '../domain/report-facts';

/**
 * What a unit's own records say, for checking its daily report: read-only, by the unit's key, from
 * the collections the residents, vaccination and supplies capabilities write (`residents`,
 * `vaccination_coverage`, `supply_stocks`). Counts only: no name, no ID number leaves here.
 */
@Injectable()
export class UnitRecordsReader {
  private readonly residents: Collection<Document>;
  private readonly vaccination: Collection<Document>;
  private readonly supplies: Collection<Document>;

  constructor(@InjectDatabase() connection: Connection) {
    this.residents = collectionOf<Document>(connection, 'residents');
    this.vaccination = collectionOf<Document>(connection, 'vaccination_coverage');
    this.supplies = collectionOf<Document>(connection, 'supply_stocks');
  }

  async of(unitId: string, day: string, now: Date): Promise<UnitRecords> {
    const [residentDocs, vaccination, supplies] = await Promise.all([
      this.residents
        .find({ unitId }, { projection: { unitId: 1, status: 1, isolation: 1, symptomCases: 1, death: 1, admittedAt: 1 } })
        .toArray(),
      this.vaccination.findOne({ _id: unitId as never }, { projection: { coverage: 1 } }),
      this.supplies.findOne({ _id: unitId as never }, { projection: { items: 1 } }),
    ]);
    let openSymptomCases = 0;
    let symptomCasesOnRecord = 0;
    let isolated = 0;
    let deathsOnDay = 0;
    let onRoll = 0;
    for (const doc of residentDocs) {
      const r = settle({ ...(doc as unknown as Resident), symptomCases: doc.symptomCases ?? [] }, now);
      for (const c of r.symptomCases) {
        if (c.status === 'open') openSymptomCases++;
        if (c.status === 'open' || shanghaiDate(new Date(c.detectedAt)) === day) symptomCasesOnRecord++;
      }
      if (r.status === 'isolated') isolated++;
      if (r.death && shanghaiDate(new Date(r.death.diedAt)) === day) deathsOnDay++;
      if (isStillResident(r.status)) onRoll++;
    }
    const coverage = vaccination?.coverage as Record<string, { vaccinated?: number }> | undefined;
    const covers = Object.values((supplies?.items ?? {}) as Record<string, { daysOfCover?: number | null }>)
      .map((i) => i.daysOfCover)
      .filter((d): d is number => typeof d === 'number');
    return {
      openSymptomCases,
      symptomCasesOnRecord,
      isolated,
      deathsOnDay,
      residents: residentDocs.length ? onRoll : null,
      vaccinated:
        typeof coverage?.residents?.vaccinated === 'number' && typeof coverage?.staff?.vaccinated === 'number'
          ? { residents: coverage.residents.vaccinated, staff: coverage.staff.vaccinated }
          : null,
      leastDaysOfCover: covers.length ? Math.min(...covers) : null,
    };
  }
}
