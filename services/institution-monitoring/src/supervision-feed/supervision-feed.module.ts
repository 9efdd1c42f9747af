import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ShowSupervisionOnUnitHandler } from './application/show-supervision-on-unit.handler';
import { SupervisionEventsMessageController } from './interface/supervision-events.message.controller';

/** Shows on each unit what supervision says about it ("under rectification", escalations). */
@Module({
  imports: [RegistryModule],
  controllers: [SupervisionEventsMessageController],
  providers: [ShowSupervisionOnUnitHandler],
})
export class SupervisionFeedModule {}
