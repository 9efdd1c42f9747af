import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { KeyPersonListsModule } from '../key-person-lists/key-person-lists.module';
import { AnswerCall } from './application/answer-call';
import { CloseCall } from './application/close-call';
import { HotlineCalls } from './application/hotline-calls';
import { OverdueCallSweepScheduler } from './application/overdue-call-sweep.scheduler';
import { OverdueCallSweep } from './application/overdue-call-sweep.service';
import { ReadCalls } from './application/read-calls';
import { RecordCall } from './application/record-call';
import { ReportFigures } from './application/report-figures';
import { RouteCall } from './application/route-call';
import { ServiceLevels } from './application/service-levels';
import { HotlineCallRepository } from './infrastructure/hotline-call.repository';
import { HotlinesHttpController } from './interface/hotlines.http.controller';

/** Service hotlines: calls, their routing to visits, applications or agencies, service levels, the overdue sweep and figures. */
@Module({
  imports: [KeyPersonListsModule, ApplicationsModule],
  controllers: [HotlinesHttpController],
  providers: [
    HotlineCallRepository,
    ServiceLevels,
    HotlineCalls,
    RecordCall,
    RouteCall,
    AnswerCall,
    CloseCall,
    ReadCalls,
    ReportFigures,
    OverdueCallSweep,
    OverdueCallSweepScheduler,
  ],
})
export class HotlinesModule {}
