import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { viewerOf } from '../../lookups/application/event-views';
import { OPERATORS } from '../../lookups/interface/roles';
import { AuditRepository } from '../infrastructure/audit.repository';

export class AuditQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;

  @IsOptional()
  @IsString()
  @Length(1, 500, { message: 'cursor must be the nextCursor of an earlier page' })
  cursor?: string;
}

/** Who queried and who replayed, newest first (operators and admins). */
@Controller('api/audit')
export class AuditHttpController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @Roles(...OPERATORS)
  list(@CurrentPrincipal() principal: Principal, @Query() q: AuditQuery) {
    return this.audit.list(viewerOf(principal), q.limit ?? 100, q.cursor);
  }
}
