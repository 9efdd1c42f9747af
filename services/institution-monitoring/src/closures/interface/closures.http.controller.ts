import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { ClosedManagementService } from '../application/closed-management.service';
import { CloseUnitRequest, IssueClosureOrderRequest, ReopenUnitRequest } from './closures.request.dto';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;

/** Closed management (封闭管理) of single units and region-wide closure orders. */
@Controller()
export class ClosuresHttpController {
  constructor(private readonly service: ClosedManagementService) {}

  @Post('institutions/:unitId/closures')
  @Roles(...OFFICERS)
  close(@Param('unitId') unitId: string, @Body() body: CloseUnitRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.close(unitId, body, principal);
  }

  @Post('institutions/:unitId/reopenings')
  @Roles(...OFFICERS)
  reopen(@Param('unitId') unitId: string, @Body() body: ReopenUnitRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.reopen(unitId, body.reopenOrderId, principal);
  }

  /** Closes every unit of the named types in the region in one step; safe to re-send. */
  @Post('closure-orders')
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  issue(@Body() body: IssueClosureOrderRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.issueRegionOrder(body, principal);
  }

  @Get('closure-orders')
  list(@CurrentPrincipal() principal: Principal) {
    return this.service.listOrders(principal);
  }

  @Get('closure-orders/:orderId')
  get(@Param('orderId') orderId: string, @CurrentPrincipal() principal: Principal) {
    return this.service.orderFor(orderId, principal);
  }

  /** Reopens the units the order closed (those still closed by it). */
  @Post('closure-orders/:orderId/lift')
  @HttpCode(200)
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  lift(@Param('orderId') orderId: string, @Body() body: ReopenUnitRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.liftRegionOrder(orderId, body.reopenOrderId, principal);
  }
}
