import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { AnswerCall } from '../application/answer-call';
import { CloseCall } from '../application/close-call';
import { HotlineCalls } from '../application/hotline-calls';
import { OverdueCallSweep } from '../application/overdue-call-sweep.service';
import { ReadCalls } from '../application/read-calls';
import { RecordCall } from '../application/record-call';
import { ReportFigures } from '../application/report-figures';
import { RouteCall, RouteInput } from '../application/route-call';
import {
  AnswerCallRequest,
  CloseCallRequest,
  FiguresQuery,
  ListCallsQuery,
  RecordCallRequest,
  RouteCallRequest,
} from './hotlines.request.dto';

const OPERATORS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const READERS = [...OPERATORS, 'inspector'] as const;

/** Service hotlines (心理援助热线, 12349, 社会救助服务热线): calls taken, routed, answered; overdue sweep; daily figures. */
@Controller('hotlines')
export class HotlinesHttpController {
  constructor(
    private readonly recordCall: RecordCall,
    private readonly routeCall: RouteCall,
    private readonly answerCall: AnswerCall,
    private readonly closeCall: CloseCall,
    private readonly readCalls: ReadCalls,
    private readonly reportFigures: ReportFigures,
    private readonly calls: HotlineCalls,
    private readonly sweep: OverdueCallSweep,
  ) {}

  /** Runs the overdue-call sweep now (it also runs on a timer); safe to repeat. */
  @Post('overdue-sweeps')
  @HttpCode(200)
  @Roles('admin')
  runSweep() {
    return this.sweep.sweep();
  }

  /** 受理: a call taken by an operator of the line's division. */
  @Post('calls')
  @Roles(...OPERATORS)
  async record(@Body() body: RecordCallRequest, @CurrentPrincipal() principal: Principal) {
    return this.calls.view(await this.recordCall.execute(body, principal));
  }

  /** Calls of the caller's jurisdiction, newest first: ?line=, ?status=, ?limit= (default 100). */
  @Get('calls')
  @Roles(...READERS)
  list(@Query() query: ListCallsQuery, @CurrentPrincipal() principal: Principal) {
    return this.readCalls.list(query, principal);
  }

  @Get('calls/:callId')
  @Roles(...READERS)
  get(@Param('callId') callId: string, @CurrentPrincipal() principal: Principal) {
    return this.readCalls.one(callId, principal);
  }

  /** 转办 (once): to a key-person visit, a relief application (started now) or another agency. */
  @Post('calls/:callId/routing')
  @HttpCode(200)
  @Roles(...OPERATORS)
  async route(@Param('callId') callId: string, @Body() body: RouteCallRequest, @CurrentPrincipal() principal: Principal) {
    return this.calls.view(await this.routeCall.execute(callId, body as RouteInput, principal));
  }

  /** 回应: the caller told the outcome; ends the call. */
  @Post('calls/:callId/answer')
  @HttpCode(200)
  @Roles(...OPERATORS)
  async answer(@Param('callId') callId: string, @Body() body: AnswerCallRequest, @CurrentPrincipal() principal: Principal) {
    return this.calls.view(await this.answerCall.execute(callId, body.reply, principal));
  }

  /** Closes a call without an answer: caller-unreachable, duplicate, withdrawn. */
  @Post('calls/:callId/closure')
  @HttpCode(200)
  @Roles(...OPERATORS)
  async close(@Param('callId') callId: string, @Body() body: CloseCallRequest, @CurrentPrincipal() principal: Principal) {
    return this.calls.view(await this.closeCall.execute(callId, body.reason, principal));
  }

  /** Figures per line per day (Beijing dates, inclusive, at most 31 days) for a division within the caller's jurisdiction. */
  @Get('figures')
  @Roles(...READERS)
  figures(@Query() query: FiguresQuery, @CurrentPrincipal() principal: Principal) {
    return this.reportFigures.execute(query, principal);
  }
}
