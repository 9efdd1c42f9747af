import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuditRepository } from '../../audit/infrastructure/audit.repository';
import { viewerOf } from '../../lookups/application/event-views';
import { READERS } from '../../lookups/interface/roles';
import { Topology } from '../application/topology';

export class TopologyQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minutes must be a whole number' })
  @Min(1, { message: 'minutes must be at least 1' })
  @Max(1440, { message: 'minutes must be at most 1440 (a day)' })
  minutes?: number;
}

@Controller('api/topology')
export class TopologyHttpController {
  constructor(
    private readonly topology: Topology,
    private readonly audit: AuditRepository,
  ) {}

  @Get()
  @Roles(...READERS)
  async get(@CurrentPrincipal() principal: Principal, @Query() q: TopologyQuery) {
    await this.audit.record(principal, 'query', { path: '/api/topology', query: { ...q } });
    return this.topology.of(viewerOf(principal), q.minutes ?? 60);
  }
}
