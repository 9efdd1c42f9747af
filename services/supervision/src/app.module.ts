import { DynamicModule, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@civil/kernel';
import { MessagingLifecycle, MessagingModule } from '@civil/messaging';
import { DATABASE, DatabaseLifecycle, DatabaseModule } from '@civil/persistence';
import { AuthModule, ClockModule, createLogger, HealthModule, kafkaConnection, readinessCheck, resolvePublicKey } from '@civil/platform';
import { Connection } from 'mongoose';
import { ClearDayWhenDailyReportSubmittedHandler } from './cases/application/clear-day-when-daily-report-submitted.handler';
import { EscalateDueCasesService } from './cases/application/escalate-due-cases.service';
import { ESCALATION_INTERVAL_MS, EscalationScheduler } from './cases/application/escalation.scheduler';
import { OpenCaseWhenReportMissedHandler } from './cases/application/open-case-when-report-missed.handler';
import { CaseRepository } from './cases/infrastructure/case.repository';
import { CaseSubjectRepository } from './cases/infrastructure/case-subject.repository';
import { CasesHttpController } from './cases/interface/cases.http.controller';
import { DailyReportEventsMessageController } from './cases/interface/daily-report-events.message.controller';
import { SupervisionConfig } from './config/supervision.config';
import { EscalationLaddersService } from './escalation-ladders/application/escalation-ladders.service';
import { EscalationLadderRepository } from './escalation-ladders/infrastructure/escalation-ladder.repository';
import { EscalationLaddersHttpController } from './escalation-ladders/interface/escalation-ladders.http.controller';

export const SERVICE = 'supervision';

@Module({})
export class AppModule {
  static forRoot(config: SupervisionConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ClockModule.forRoot(clock),
        AuthModule.forRoot({ publicKeyPem: resolvePublicKey(config), issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }),
        DatabaseModule.forRootAsync({ useFactory: () => ({ url: config.MONGO_URL, dbName: config.MONGO_DB }) }),
        MessagingModule.forRootAsync({
          inject: [DATABASE],
          useFactory: (connection: Connection) => ({
            ...kafkaConnection(config, SERVICE),
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
            createTopics: config.KAFKA_CREATE_TOPICS,
            consumer: { groupId: SERVICE },
            outboxStores: [new CaseRepository(connection).outbox],
            logger: createLogger(SERVICE, 'messaging', { level: config.LOG_LEVEL }),
          }),
        }),
        HealthModule.forRoot({
          checks: [
            readinessCheck('database', (db: DatabaseLifecycle) => db.ping(), [DatabaseLifecycle]),
            readinessCheck('kafka', (m: MessagingLifecycle) => m.checkBroker(), [MessagingLifecycle]),
          ],
        }),
      ],
      controllers: [DailyReportEventsMessageController, CasesHttpController, EscalationLaddersHttpController],
      providers: [
        CaseRepository,
        CaseSubjectRepository,
        EscalationLadderRepository,
        OpenCaseWhenReportMissedHandler,
        ClearDayWhenDailyReportSubmittedHandler,
        EscalateDueCasesService,
        EscalationScheduler,
        EscalationLaddersService,
        { provide: ESCALATION_INTERVAL_MS, useValue: config.ESCALATION_INTERVAL_MS },
      ],
    };
  }
}
