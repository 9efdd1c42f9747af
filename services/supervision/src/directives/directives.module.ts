import { Module } from '@nestjs/common';
import { DirectivesService } from './application/directives.service';
import { MissedStepSweepScheduler } from './application/missed-step-sweep.scheduler';
import { DirectiveRepository } from './infrastructure/directive.repository';
import { DirectivesHttpController } from './interface/directives.http.controller';

/** Directives from above (上级部署): received D → implementing document D → status report D+1, and the sweep for missed steps. */
@Module({
  controllers: [DirectivesHttpController],
  providers: [DirectiveRepository, DirectivesService, MissedStepSweepScheduler],
})
export class DirectivesModule {}
