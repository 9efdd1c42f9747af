import { BaseServiceConfig } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class EventLineageConfig extends BaseServiceConfig {
  override PORT = 3005;

  override MONGO_DB = 'event-lineage';

  /** Consumer group of the ingestion (the topic prefix is put before it). */
  @IsString()
  @Matches(/^[a-z0-9.-]+$/, { message: 'may contain only lowercase letters, digits, dots and hyphens' })
  LINEAGE_GROUP_ID = 'event-lineage';

  /** Partitions ingested at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  LINEAGE_PARTITION_CONCURRENCY = 4;

  /** Largest fetch per partition, in bytes: bounds a batch (and so one bulk insert). */
  @Type(() => Number)
  @IsInt()
  @Min(16_384)
  @Max(64 * 1024 * 1024)
  LINEAGE_MAX_BYTES_PER_PARTITION = 4 * 1024 * 1024;

  /** Where the built console is served from (`/console/`); default dist/services/event-lineage/console. */
  @IsOptional()
  @IsString()
  LINEAGE_CONSOLE_DIR?: string;

  /** Link from a trace id to the trace viewer, `{traceId}` replaced; unset = no link. */
  @IsOptional()
  @Matches(/^https?:\/\/\S*\{traceId\}\S*$/, { message: 'must be an http(s) URL containing {traceId}' })
  LINEAGE_ZIPKIN_TRACE_URL?: string;
}
