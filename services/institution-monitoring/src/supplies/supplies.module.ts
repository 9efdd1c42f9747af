import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ReadRegionSupplies } from './application/read-region-supplies';
import { ReadUnitSupplies } from './application/read-unit-supplies';
import { RecordReceipt } from './application/record-receipt';
import { RecordStockCount } from './application/record-stock-count';
import { UnitSupplyStock } from './application/unit-supply-stock';
import { SupplyStockRepository } from './infrastructure/supply-stock.repository';
import { SuppliesHttpController } from './interface/supplies.http.controller';

/** Epidemic supplies (防疫物资储备): stock, days of cover, shortage episodes (see domain/supply-stock.ts). */
@Module({
  imports: [RegistryModule],
  controllers: [SuppliesHttpController],
  providers: [SupplyStockRepository, UnitSupplyStock, RecordStockCount, RecordReceipt, ReadUnitSupplies, ReadRegionSupplies],
})
export class SuppliesModule {}
