import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { recordReceipt } from '../domain/supply-stock';
import { UnitSupplyStock } from './unit-supply-stock';
import { checkItem, ItemView } from './supply-view';

/** A delivery added to the stock; resending the same receiptId does not add it twice. */
@Injectable()
export class RecordReceipt {
  constructor(
    private readonly units: UnitDirectory,
    private readonly stock: UnitSupplyStock,
  ) {}

  async execute(unitId: string, item: string, input: { quantity: number; receiptId: string }, by: Principal): Promise<ItemView> {
    const checked = checkItem(item);
    const unit = await this.units.unitFor(unitId, by);
    return this.stock.change(unit, checked, (current, now) => recordReceipt(current, input, { unitId, item: checked, now, by: by.sub }));
  }
}
