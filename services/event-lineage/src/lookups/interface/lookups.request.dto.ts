import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** At least one filter or a window; the window is by occurredAt (recordedAt for a record without one), from inclusive, to exclusive. */
export class EventsQuery {
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'correlationId must be 1–200 characters' })
  correlationId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'eventId must be 1–200 characters' })
  eventId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'subject must be 1–200 characters' })
  subject?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'type must be 1–200 characters (a CloudEvents type)' })
  type?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 instant' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 instant' })
  to?: string;

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

export class FlowsQuery {
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'subject must be 1–200 characters' })
  subject?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'type must be 1–200 characters (a CloudEvents type)' })
  type?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 instant' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 instant' })
  to?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'eventId must be 1–200 characters' })
  eventId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}
