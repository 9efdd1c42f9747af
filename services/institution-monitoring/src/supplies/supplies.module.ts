import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { SuppliesService } from './application/supplies.service';
import { SupplyStockRepository } from './infrastructure/supply-stock.repository';
import { SuppliesHttpController } from './interface/supplies.http.controller';

/** Epidemic supplies (防疫物资储备): stock, days of cover, shortage episodes (see domain/supply-stock.ts). */
@Module({
  imports: [RegistryModule],
  controllers: [SuppliesHttpController],
  providers: [SupplyStockRepository, SuppliesService],
})
export class SuppliesModule {}
