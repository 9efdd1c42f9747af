import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { AuditRepository } from '../../audit/infrastructure/audit.repository';
import { viewerOf } from '../application/event-views';
import { FindEvents } from '../application/find-events';
import { FindFlows } from '../application/find-flows';
import { EventsQuery, FlowsQuery } from './lookups.request.dto';
import { READERS } from './roles';

const window = (q: { from?: string; to?: string }) => ({
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
});

/** The stored events and flows, within the caller's jurisdiction; every query is audited. */
@Controller('api')
@Roles(...READERS)
export class EventsHttpController {
  constructor(
    private readonly events: FindEvents,
    private readonly flows: FindFlows,
    private readonly audit: AuditRepository,
  ) {}

  @Get('events')
  async list(@CurrentPrincipal() principal: Principal, @Query() q: EventsQuery) {
    await this.audit.record(principal, 'query', { path: '/api/events', query: { ...q } });
    return this.events.find(viewerOf(principal), { ...q, ...window(q), limit: q.limit ?? 100 });
  }

  @Get('events/:eventId')
  async get(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string) {
    await this.audit.record(principal, 'query', { path: '/api/events/:eventId', eventId });
    return this.events.get(viewerOf(principal), eventId);
  }

  @Get('flows')
  async listFlows(@CurrentPrincipal() principal: Principal, @Query() q: FlowsQuery) {
    await this.audit.record(principal, 'query', { path: '/api/flows', query: { ...q } });
    return this.flows.list(viewerOf(principal), { ...q, ...window(q), limit: q.limit ?? 100 });
  }

  @Get('flows/:correlationId')
  async flow(@CurrentPrincipal() principal: Principal, @Param('correlationId') correlationId: string) {
    await this.audit.record(principal, 'query', { path: '/api/flows/:correlationId', correlationId });
    return this.flows.get(viewerOf(principal), correlationId);
  }
}
