import { Module } from '@nestjs/common';

/** Collections of this capability whose documents carry an outbox. */
export const INSPECTIONS_OUTBOX: readonly string[] = [];

@Module({})
export class InspectionsModule {}
