import { Injectable } from '@nestjs/common';
import { covers } from '@civil/kernel';
import { Principal } from '@civil/platform';
import { AreaRisk } from '../domain/area-risk';
import { AreaRiskLevels } from './area-risk-levels';

/** The stored levels of areas inside the caller's jurisdiction or above it. */
@Injectable()
export class ListAreaRisks {
  constructor(private readonly levels: AreaRiskLevels) {}

  async execute(by: Principal): Promise<AreaRisk[]> {
    return [...(await this.levels.areas()).values()].filter(
      (a) => covers(a.divisionCode, by.jurisdiction) || covers(by.jurisdiction, a.divisionCode),
    );
  }
}
