import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Max, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DeadLettersQuery {
  /** A topic (the original or its .dlt), without the deployment's prefix. */
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'topic must be 1–200 characters' })
  topic?: string;

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

export class ReplayDeadLettersRequest {
  @IsArray({ message: 'ids must be a list of dead-letter ids' })
  @ArrayMinSize(1, { message: 'ids must list at least one dead letter' })
  @ArrayMaxSize(100, { message: 'ids may list at most 100 dead letters' })
  @IsString({ each: true, message: 'ids must be dead-letter ids (strings)' })
  @Length(1, 300, { each: true, message: 'ids must be dead-letter ids (1–300 characters)' })
  ids: string[];

  /** Why the replay is done (修复说明), kept in the audit. */
  @Transform(trim)
  @IsString()
  @Length(4, 500, { message: 'reason must be 4–500 characters' })
  reason: string;

  /** A repaired payload for a single dead letter, checked against its event's contract schema. */
  @IsOptional()
  @IsObject({ message: 'payload must be a JSON object (the repaired event payload)' })
  payload?: Record<string, unknown>;
}
