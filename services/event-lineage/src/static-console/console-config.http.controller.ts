import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '@civil/platform';
import { EventLineageConfig } from '../config/event-lineage.config';

export const LINEAGE_CONFIG = Symbol('LINEAGE_CONFIG');

/** What the console needs before the user signs in. */
@Controller('api/config')
export class ConsoleConfigHttpController {
  constructor(@Inject(LINEAGE_CONFIG) private readonly config: EventLineageConfig) {}

  @Get()
  @Public()
  get(): { zipkinTraceUrl: string | null } {
    return { zipkinTraceUrl: this.config.LINEAGE_ZIPKIN_TRACE_URL ?? null };
  }
}
