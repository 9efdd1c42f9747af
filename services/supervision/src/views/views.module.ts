import { Module } from '@nestjs/common';
import { AccountabilityModule } from '../accountability/accountability.module';
import { CasesModule } from '../cases/cases.module';
import { InspectionsModule } from '../inspections/inspections.module';
import { RectificationModule } from '../rectification/rectification.module';
import { WorkloadHttpController } from './interface/workload.http.controller';

/** Coverage and workload across the capabilities (read only). */
@Module({
  imports: [CasesModule, InspectionsModule, RectificationModule, AccountabilityModule],
  controllers: [WorkloadHttpController],
})
export class ViewsModule {}
