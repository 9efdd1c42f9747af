import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { CaseActionsService } from '../../cases/application/case-actions.service';
import { ConfirmSuspicionRequest, DismissSuspicionRequest } from '../../cases/interface/case-action.request.dto';
import { ConfirmSuspicion } from '../application/confirm-suspicion';

const ACTORS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'inspector', 'admin'] as const;

/**
 * An officer's verdict on a suspicion case (瞒报漏报 from a report at odds with the unit's records,
 * 挪用 from stock gone without recorded use), by an officer at or above the level holding it.
 */
@Controller('cases')
export class SuspicionsHttpController {
  constructor(
    private readonly confirmation: ConfirmSuspicion,
    private readonly actions: CaseActionsService,
  ) {}

  /** Confirmed: the case resolves and an accountability case opens against the unit; 409 if not a suspicion or resolved. */
  @Post(':caseId/confirm')
  @HttpCode(200)
  @Roles(...ACTORS)
  confirm(@Param('caseId') caseId: string, @Body() body: ConfirmSuspicionRequest, @CurrentPrincipal() principal: Principal) {
    return this.confirmation.confirm(caseId, body.note, principal);
  }

  /** Dismissed with the officer's reason: the case resolves, nobody is held to account. */
  @Post(':caseId/dismiss')
  @HttpCode(200)
  @Roles(...ACTORS)
  dismiss(@Param('caseId') caseId: string, @Body() body: DismissSuspicionRequest, @CurrentPrincipal() principal: Principal) {
    return this.actions.decide(caseId, 'dismissed', body.reason, principal);
  }
}
