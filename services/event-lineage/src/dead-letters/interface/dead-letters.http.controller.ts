import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { AuditRepository } from '../../audit/infrastructure/audit.repository';
import { viewerOf } from '../../lookups/application/event-views';
import { OPERATORS, READERS } from '../../lookups/interface/roles';
import { FindDeadLetters } from '../application/find-dead-letters';
import { ReplayDeadLetters } from '../application/replay-dead-letters';
import { DeadLettersQuery, ReplayDeadLettersRequest } from './dead-letters.request.dto';

/** Dead letters of every topic (死信), and their replay by an operator. */
@Controller('api/dead-letters')
export class DeadLettersHttpController {
  constructor(
    private readonly deadLetters: FindDeadLetters,
    private readonly replays: ReplayDeadLetters,
    private readonly audit: AuditRepository,
  ) {}

  @Get()
  @Roles(...READERS)
  async list(@CurrentPrincipal() principal: Principal, @Query() q: DeadLettersQuery) {
    await this.audit.record(principal, 'query', { path: '/api/dead-letters', query: { ...q } });
    return this.deadLetters.list(viewerOf(principal), {
      topic: q.topic,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit ?? 100,
      cursor: q.cursor,
    });
  }

  @Post('replay')
  @HttpCode(200)
  @Roles(...OPERATORS)
  replay(@CurrentPrincipal() principal: Principal, @Body() body: ReplayDeadLettersRequest) {
    return this.replays.replay(principal, body);
  }

  @Get(':id')
  @Roles(...READERS)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.audit.record(principal, 'query', { path: '/api/dead-letters/:id', id });
    return this.deadLetters.get(viewerOf(principal), id);
  }
}
