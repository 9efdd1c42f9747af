import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { Application, Outcome } from '../domain/application';
import { ApplicationRepository } from '../infrastructure/application.repository';

/** Unknown, or outside the caller's reach: the same answer. */
export const applicationNotFound = (applicationId: string) =>
  DomainError.notFound('ApplicationNotFound', `no application ${applicationId}`, { applicationId });

/** 申请 → 受理 → 审核 → 认定 → 发放: each transition a compare-and-set write carrying its event. */
@Injectable()
export class ApplicationChanges {
  constructor(
    private readonly repository: ApplicationRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Changes an application within the caller's reach (404 otherwise). `prepare` reads what the
   * rule needs (the regional settings of the application's division on the day) before the write;
   * the rule it returns decides on the application as it is then, again if it changed meanwhile.
   */
  async change(
    applicationId: string,
    by: Principal,
    prepare: (divisionCode: string, now: Date) => Promise<(a: Application) => Outcome>,
  ): Promise<Application> {
    const notFound = () => applicationNotFound(applicationId);
    const found = await this.repository.get(applicationId);
    if (!found) throw notFound();
    // outside the caller's reach an application is answered as an unknown one
    assertFoundWithin(by, notFound, found.value.divisionCode);
    // an application never moves to another division: what is read for it now holds for every decision
    const rule = await prepare(found.value.divisionCode, this.clock.now());
    const { state } = await this.repository.store.change(
      applicationId,
      (current) => {
        assertFoundWithin(by, notFound, current.divisionCode);
        return rule(current);
      },
      notFound,
    );
    return state;
  }
}
