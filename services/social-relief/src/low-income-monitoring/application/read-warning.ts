import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { LowIncomeWarningRepository } from '../infrastructure/low-income-warning.repository';
import { warningView } from './warning-view';

export function warningNotFound(warningId: string): DomainError {
  return DomainError.notFound('WarningNotFound', `no low-income warning ${warningId}`, { warningId });
}

/** One warning of the caller's jurisdiction (404 for another's: nothing says it exists). */
@Injectable()
export class ReadWarning {
  constructor(
    private readonly warnings: LowIncomeWarningRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(warningId: string, by: Principal) {
    const found = await this.warnings.get(warningId);
    const notFound = () => warningNotFound(warningId);
    if (!found) throw notFound();
    assertFoundWithin(by, notFound, found.value.divisionCode);
    return warningView(found.value, this.clock.now());
  }
}
