import { Global, Module } from '@nestjs/common';
import { AreaRiskLevels } from './application/area-risk-levels';
import { ListAreaRisks } from './application/list-area-risks';
import { SetAreaRisk } from './application/set-area-risk';
import { AreaRiskRepository } from './infrastructure/area-risk.repository';
import { AreaRiskHttpController } from './interface/area-risk.http.controller';

/** Area risk levels; global, since the relief rules of every capability read them. */
@Global()
@Module({
  controllers: [AreaRiskHttpController],
  providers: [AreaRiskRepository, AreaRiskLevels, SetAreaRisk, ListAreaRisks],
  exports: [AreaRiskLevels],
})
export class AreaRiskModule {}
