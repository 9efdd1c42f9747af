import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@civil/kernel';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { settle } from '../../residents/domain/resident';
import { isStillResident } from '../../residents/domain/resident-status';
import { ResidentRepository } from '../../residents/infrastructure/resident.repository';
import { SupplyStockRepository } from '../../supplies/infrastructure/supply-stock.repository';
import { VaccinationCoverageRepository } from '../../vaccination/infrastructure/vaccination-coverage.repository';
import type { UnitRecords } from '../domain/report-facts';

/**
 * What a unit's own records say, for checking its daily report: the residents through their
 * repository, and read-only by the unit's key the two documents the vaccination and supplies
 * capabilities write. Counts only: no name, no ID number leaves here.
 */
@Injectable()
export class UnitRecordsReader {
  private readonly vaccination: Collection<Document>;
  private readonly supplies: Collection<Document>;

  constructor(
    @InjectDatabase() connection: Connection,
    private readonly residents: ResidentRepository,
  ) {
    this.vaccination = collectionOf<Document>(connection, VaccinationCoverageRepository.COLLECTION);
    this.supplies = collectionOf<Document>(connection, SupplyStockRepository.COLLECTION);
  }

  async of(unitId: string, day: string, now: Date): Promise<UnitRecords> {
    const [residents, vaccination, supplies] = await Promise.all([
      this.residents.ofUnit(unitId),
      this.vaccination.findOne({ _id: unitId as never }, { projection: { coverage: 1 } }),
      this.supplies.findOne({ _id: unitId as never }, { projection: { items: 1 } }),
    ]);
    let openSymptomCases = 0;
    let symptomCasesOnRecord = 0;
    let isolated = 0;
    let deathsOnDay = 0;
    let onRoll = 0;
    let childrenInTemporaryCare = 0;
    for (const resident of residents) {
      const r = settle({ ...resident, symptomCases: resident.symptomCases ?? [] }, now); // residents admitted before symptom episodes were kept have none
      for (const c of r.symptomCases) {
        if (c.status === 'open') openSymptomCases++;
        if (c.status === 'open' || shanghaiDate(new Date(c.detectedAt)) === day) symptomCasesOnRecord++;
      }
      if (r.status === 'isolated') isolated++;
      if (r.death && shanghaiDate(new Date(r.death.diedAt)) === day) deathsOnDay++;
      if (isStillResident(r.status)) onRoll++;
      if (r.temporaryCare && isStillResident(r.status)) childrenInTemporaryCare++;
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
      residents: residents.length ? onRoll : null,
      vaccinated:
        typeof coverage?.residents?.vaccinated === 'number' && typeof coverage?.staff?.vaccinated === 'number'
          ? { residents: coverage.residents.vaccinated, staff: coverage.staff.vaccinated }
          : null,
      leastDaysOfCover: covers.length ? Math.min(...covers) : null,
      childrenInTemporaryCare,
    };
  }
}
