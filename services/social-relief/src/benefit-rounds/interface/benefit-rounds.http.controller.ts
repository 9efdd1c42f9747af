import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { createLogger, CurrentPrincipal, Principal, Roles } from '@civil/platform';
import type { Response } from 'express';
import { BenefitRoundService } from '../application/benefit-round.service';
import { CreateRoundRequest, EntitlementsQuery } from './benefit-rounds.request.dto';

const ROUND_OFFICERS = ['county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const OFFICERS = ['township-officer', ...ROUND_OFFICERS] as const;

@Controller('benefit-rounds')
export class BenefitRoundsHttpController {
  private readonly log = createLogger('social-relief', 'BenefitRounds');

  constructor(private readonly service: BenefitRoundService) {}

  /** Defines a round (county officers and above, inside their division); it starts as a draft. */
  @Post()
  @Roles(...ROUND_OFFICERS)
  async create(@Body() body: CreateRoundRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.roundView(await this.service.create({ ...body, registers: body.registers ?? [] }, principal));
  }

  @Get()
  @Roles(...OFFICERS, 'inspector')
  async list(@CurrentPrincipal() principal: Principal) {
    return (await this.service.list(principal)).map((r) => this.service.roundView(r));
  }

  @Get(':roundId')
  @Roles(...OFFICERS, 'inspector')
  async get(@Param('roundId') roundId: string, @CurrentPrincipal() principal: Principal) {
    return this.service.roundView(await this.service.get(roundId, principal));
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
    const round = await this.service.start(roundId, principal);
    if (wait === 'true') {
      res.status(200);
      return this.service.compute(round);
    }
    res.status(202);
    this.service
      .compute(round)
      .catch((e) =>
        this.log.error('benefit round run failed; it stays running and can be run again', { roundId, error: (e as Error).message }),
      );
    return { roundId, status: round.status, runs: round.runs };
  }

  @Get(':roundId/entitlements')
  @Roles(...OFFICERS, 'inspector')
  entitlements(@Param('roundId') roundId: string, @Query() query: EntitlementsQuery, @CurrentPrincipal() principal: Principal) {
    return this.service.entitlementsOf(roundId, principal, query.divisionCode, query.page ?? 1, query.pageSize ?? 100);
  }
}

@Controller('entitlements')
export class EntitlementsHttpController {
  constructor(private readonly service: BenefitRoundService) {}

  /** Records the redemption (voucher used, subsidy paid); EntitlementRedeemed once, 409 the second time. */
  @Post(':entitlementId/redemption')
  @HttpCode(200)
  @Roles(...OFFICERS)
  redeem(@Param('entitlementId') entitlementId: string, @CurrentPrincipal() principal: Principal) {
    return this.service.redeem(entitlementId, principal);
  }
}
