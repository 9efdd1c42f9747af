import { IsDefined, IsNumber, Matches, Max, Min } from 'class-validator';

const MAX_FIGURE = 1_000_000_000;

function Figure(what: string, min = 0): PropertyDecorator {
  return (target, key) => {
    IsDefined({ message: `${what} must be given` })(target, key);
    IsNumber(
      { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 },
      { message: `${what} must be a number with at most 3 decimals` },
    )(target, key);
    Min(min, { message: `${what} cannot be ${min === 0 ? 'negative' : `less than ${min}`}` })(target, key);
    Max(MAX_FIGURE, { message: `${what} cannot exceed ${MAX_FIGURE}` })(target, key);
  };
}

/** A stock count (盘点) of one item: what is on hand and how much is used per day. */
export class RecordStockCountRequest {
  /** Units on hand (pieces, litres, boxes… as the unit counts the item). */
  @Figure('stock') stock: number;

  /** Units used per day; 0 when the unit uses none (cover is then unlimited). */
  @Figure('dailyUse') dailyUse: number;
}

/** A delivery (入库) of one item. */
export class RecordReceiptRequest {
  @Figure('quantity', 0.001) quantity: number;

  /** The delivery note (入库单) number; resending it does not count the delivery twice. */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, { message: 'receiptId must be 1–128 letters, digits, or . _ : -' })
  receiptId: string;
}
