import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { ReadRegionSupplies } from '../application/read-region-supplies';
import { ReadUnitSupplies } from '../application/read-unit-supplies';
import { RecordReceipt } from '../application/record-receipt';
import { RecordStockCount } from '../application/record-stock-count';
import { RecordReceiptRequest, RecordStockCountRequest } from './supplies.request.dto';

const WRITERS = ['unit-staff', 'township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const READERS = [...WRITERS, 'inspector', 'discipline-officer'] as const;
const REGION_READERS = [
  'township-officer',
  'county-officer',
  'city-officer',
  'province-officer',
  'inspector',
  'discipline-officer',
  'admin',
] as const;

/** Epidemic supplies (防疫物资储备): at least 30 days of cover of each item. */
@Controller()
export class SuppliesHttpController {
  constructor(
    private readonly recordStockCount: RecordStockCount,
    private readonly recordReceipt: RecordReceipt,
    private readonly readUnitSupplies: ReadUnitSupplies,
    private readonly readRegionSupplies: ReadRegionSupplies,
  ) {}

  /** Records a stock count of one item: stock on hand and daily use. */
  @Put('institutions/:unitId/supplies/:item')
  @Roles(...WRITERS)
  count(
    @Param('unitId') unitId: string,
    @Param('item') item: string,
    @Body() body: RecordStockCountRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.recordStockCount.execute(unitId, item, { stock: body.stock, dailyUse: body.dailyUse }, principal);
  }

  /** Adds a delivery to the stock of one item (idempotent per receiptId). */
  @Post('institutions/:unitId/supplies/:item/receipts')
  @Roles(...WRITERS)
  receive(
    @Param('unitId') unitId: string,
    @Param('item') item: string,
    @Body() body: RecordReceiptRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.recordReceipt.execute(unitId, item, { quantity: body.quantity, receiptId: body.receiptId }, principal);
  }

  /** Every item of one unit, with days of cover, open shortage episodes and staleness. */
  @Get('institutions/:unitId/supplies')
  @Roles(...READERS)
  unit(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    return this.readUnitSupplies.execute(unitId, principal);
  }

  /** Units of a division (default: the caller's) below 30 days, and units with stale figures. */
  @Get('supplies')
  @Roles(...REGION_READERS)
  region(@CurrentPrincipal() principal: Principal, @Query('divisionCode') divisionCode?: string, @Query('item') item?: string) {
    return this.readRegionSupplies.execute(divisionCode || undefined, item || undefined, principal);
  }
}
