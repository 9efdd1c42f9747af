import { Module } from '@nestjs/common';
import { InspectionUnitRepository } from './infrastructure/inspection-unit.repository';

/** What supervision inspects (registry copies and targets registered here), shared by inspections and self-inspections. */
@Module({ providers: [InspectionUnitRepository], exports: [InspectionUnitRepository] })
export class InspectionUnitsModule {}
