import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { assertCovers, CurrentPrincipal, InjectClock, Principal, Roles } from '@civil/platform';
import { PersonRegistry } from '../../people/application/person-registry';
import { AcceptApplication } from '../application/accept-application';
import { applicationView } from '../application/application-view';
import { DecideApplication } from '../application/decide-application';
import { DisburseApplication } from '../application/disburse-application';
import { ApplicationOverdueSweep } from '../application/overdue-sweep.service';
import { ReadApplication } from '../application/read-application';
import { ResolveFollowUp } from '../application/resolve-follow-up';
import { ReviewApplication } from '../application/review-application';
import { SubmitApplication } from '../application/submit-application';
import { WithdrawApplication } from '../application/withdraw-application';
import type { ExtremePovertySupport } from '../domain/application';
import { ApplicationRepository } from '../infrastructure/application.repository';
import {
  DecideApplicationRequest,
  ListApplicationsQuery,
  ResolveFollowUpRequest,
  ReviewApplicationRequest,
  SubmitApplicationRequest,
  WithdrawApplicationRequest,
} from './applications.request.dto';

const VIEWERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'inspector', 'admin'] as const;

/** Relief applications: 申请 → 受理 → 审核 → 认定 → 发放. */
@Controller('applications')
export class ApplicationsHttpController {
  constructor(
    private readonly submitApplication: SubmitApplication,
    private readonly readApplication: ReadApplication,
    private readonly acceptApplication: AcceptApplication,
    private readonly reviewApplication: ReviewApplication,
    private readonly decideApplication: DecideApplication,
    private readonly disburseApplication: DisburseApplication,
    private readonly withdrawApplication: WithdrawApplication,
    private readonly resolveFollowUpOf: ResolveFollowUp,
    private readonly repository: ApplicationRepository,
    private readonly sweep: ApplicationOverdueSweep,
    private readonly people: PersonRegistry,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** 申请: entered by a township or county officer for a resident of their jurisdiction. */
  @Post()
  @Roles('township-officer', 'county-officer')
  async submit(@Body() body: SubmitApplicationRequest, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.submitApplication.execute(body, principal));
  }

  @Get()
  @Roles(...VIEWERS)
  async list(@Query() query: ListApplicationsQuery, @CurrentPrincipal() principal: Principal) {
    if (query.divisionCode) assertCovers(principal, query.divisionCode);
    const now = this.clock.now();
    const found = await this.repository.list({
      jurisdiction: query.divisionCode ?? principal.jurisdiction,
      status: query.status,
      kind: query.kind,
      dueBy: query.overdue === 'true' ? now : undefined,
      notDueBy: query.overdue === 'false' ? now : undefined,
      limit: query.limit ?? 100,
    });
    return found.map((a) => applicationView(a, now));
  }

  /** Admin: runs the overdue sweep now (it also runs on its timer). */
  @Post('overdue-sweeps')
  @HttpCode(200)
  @Roles('admin')
  runSweep() {
    return this.sweep.sweep();
  }

  @Get(':applicationId')
  @Roles(...VIEWERS)
  async get(@Param('applicationId') applicationId: string, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.readApplication.execute(applicationId, principal), true);
  }

  /** 受理: the township takes it up. */
  @Post(':applicationId/acceptance')
  @Roles('township-officer')
  async accept(@Param('applicationId') applicationId: string, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.acceptApplication.execute(applicationId, principal));
  }

  /** 审核: home visit and income verification (may be waived under a simplified review). */
  @Post(':applicationId/review')
  @Roles('township-officer')
  async review(
    @Param('applicationId') applicationId: string,
    @Body() body: ReviewApplicationRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.view(
      await this.reviewApplication.execute(
        applicationId,
        { outcome: body.outcome, homeVisit: body.homeVisit, incomeVerified: body.incomeVerified, reason: body.reason ?? null },
        principal,
      ),
    );
  }

  /** 认定: the county, or the township where the county delegated it; never who entered or reviewed it. */
  @Post(':applicationId/decision')
  @Roles('township-officer', 'county-officer')
  async decide(
    @Param('applicationId') applicationId: string,
    @Body() body: DecideApplicationRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.view(
      await this.decideApplication.execute(
        applicationId,
        {
          decision: body.decision,
          amountFen: body.amountFen ?? null,
          caseByCase: body.caseByCase ?? false,
          rationale: body.rationale ?? null,
          reason: body.reason ?? null,
          support: supportOf(body),
        },
        principal,
      ),
    );
  }

  /** 发放. */
  @Post(':applicationId/disbursement')
  @Roles('township-officer', 'county-officer')
  async disburse(@Param('applicationId') applicationId: string, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.disburseApplication.execute(applicationId, principal));
  }

  @Post(':applicationId/withdrawal')
  @Roles('township-officer', 'county-officer')
  async withdraw(
    @Param('applicationId') applicationId: string,
    @Body() body: WithdrawApplicationRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.view(await this.withdrawApplication.execute(applicationId, body.reason, principal));
  }

  /** Records how 先行救助 not upheld was followed up (recovered or written off). */
  @Post(':applicationId/follow-up')
  @HttpCode(200)
  @Roles('county-officer', 'township-officer')
  async resolveFollowUp(
    @Param('applicationId') applicationId: string,
    @Body() body: ResolveFollowUpRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.view(await this.resolveFollowUpOf.execute(applicationId, body.resolution, body.note ?? null, principal));
  }

  private async view(a: Parameters<typeof applicationView>[0], withApplicant = false) {
    const applicant = withApplicant ? await this.people.get(a.applicantId) : undefined;
    return applicationView(a, this.clock.now(), applicant);
  }
}

/** 供养方式 as asked; an institution without a mode is refused rather than guessed. */
function supportOf(body: DecideApplicationRequest): ExtremePovertySupport | null {
  if (!body.supportMode && body.institutionId)
    throw DomainError.invalid('SupportModeRequired', 'institutionId is given only with supportMode concentrated (集中供养)', {
      field: 'supportMode',
    });
  return body.supportMode ? { mode: body.supportMode, institutionId: body.institutionId ?? null } : null;
}
