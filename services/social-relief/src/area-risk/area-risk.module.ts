import { Global, Module } from '@nestjs/common';
import { AreaRiskService } from './application/area-risk.service';
import { AreaRiskRepository } from './infrastructure/area-risk.repository';
import { AreaRiskHttpController } from './interface/area-risk.http.controller';

/** Area risk levels; global, since the relief rules of every capability read them. */
@Global()
@Module({
  controllers: [AreaRiskHttpController],
  providers: [AreaRiskRepository, AreaRiskService],
  exports: [AreaRiskService],
})
export class AreaRiskModule {}
