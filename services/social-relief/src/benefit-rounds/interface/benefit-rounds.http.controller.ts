import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { createLogger, CurrentPrincipal, Principal, Roles } from '@civil/platform';
import type { Response } from 'express';
import { CreateRound } from '../application/create-round';
import { IssueRound } from '../application/issue-round';
import { ListEntitlements } from '../application/list-entitlements';
import { ListRounds } from '../application/list-rounds';
import { ReadRound } from '../application/read-round';
import { RedeemEntitlement } from '../application/redeem-entitlement';
import { roundView } from '../application/round-access';
import { StartRound } from '../application/start-round';
import { CreateRoundRequest, EntitlementsQuery } from './benefit-rounds.request.dto';

const ROUND_OFFICERS = ['county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const OFFICERS = ['township-officer', ...ROUND_OFFICERS] as const;

@Controller('benefit-rounds')
export class BenefitRoundsHttpController {
  private readonly log = createLogger('social-relief', 'BenefitRounds');

  constructor(
    private readonly createRound: CreateRound,
    private readonly readRound: ReadRound,
    private readonly listRounds: ListRounds,
    private readonly startRound: StartRound,
    private readonly issueRound: IssueRound,
    private readonly listEntitlements: ListEntitlements,
  ) {}

  /** Defines a round (county officers and above, inside their division); it starts as a draft. */
  @Post()
  @Roles(...ROUND_OFFICERS)
  async create(@Body() body: CreateRoundRequest, @CurrentPrincipal() principal: Principal) {
    return roundView(await this.createRound.execute({ ...body, registers: body.registers ?? [] }, principal));
  }

  @Get()
  @Roles(...OFFICERS, 'inspector')
  async list(@CurrentPrincipal() principal: Principal) {
    return (await this.listRounds.execute(principal)).map((r) => roundView(r));
  }

  @Get(':roundId')
  @Roles(...OFFICERS, 'inspector')
  async get(@Param('roundId') roundId: string, @CurrentPrincipal() principal: Principal) {
    return roundView(await this.readRound.execute(roundId, principal));
  }

  /**
   * Runs the round: 202 at once (status running; follow GET /benefit-rounds/:id), or with
   * `?wait=true` 200 when it is issued, with this run's counts. Running again never pays twice.
   */
  @Post(':roundId/runs')
  @Roles(...ROUND_OFFICERS)
  async run(
    @Param('roundId') roundId: string,
    @Query('wait') wait: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const round = await this.startRound.execute(roundId, principal);
    if (wait === 'true') {
      res.status(200);
      return this.issueRound.execute(round);
    }
    res.status(202);
    this.issueRound
      .execute(round)
      .catch((e) =>
        this.log.error('benefit round run failed; it stays running and can be run again', { roundId, error: (e as Error).message }),
      );
    return { roundId, status: round.status, runs: round.runs };
  }

  @Get(':roundId/entitlements')
  @Roles(...OFFICERS, 'inspector')
  entitlements(@Param('roundId') roundId: string, @Query() query: EntitlementsQuery, @CurrentPrincipal() principal: Principal) {
    return this.listEntitlements.execute(roundId, principal, query.divisionCode, query.page ?? 1, query.pageSize ?? 100);
  }
}

@Controller('entitlements')
export class EntitlementsHttpController {
  constructor(private readonly redeemEntitlement: RedeemEntitlement) {}

  /** Records the redemption (voucher used, subsidy paid); EntitlementRedeemed once, 409 the second time. */
  @Post(':entitlementId/redemption')
  @HttpCode(200)
  @Roles(...OFFICERS)
  redeem(@Param('entitlementId') entitlementId: string, @CurrentPrincipal() principal: Principal) {
    return this.redeemEntitlement.execute(entitlementId, principal);
  }
}
