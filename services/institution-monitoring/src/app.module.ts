import { DynamicModule, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@civil/kernel';
import { MessagingLifecycle, MessagingModule } from '@civil/messaging';
import { DATABASE, DatabaseLifecycle, DatabaseModule } from '@civil/persistence';
import { AuthModule, ClockModule, createLogger, HealthModule, kafkaConnection, readinessCheck, resolvePublicKey } from '@civil/platform';
import { InstitutionMonitoringConfig } from './config/institution-monitoring.config';
import { DeadlineSweepScheduler, SWEEP_INTERVAL_MS } from './daily-reports/application/deadline-sweep.scheduler';
import { DeadlineSweepService } from './daily-reports/application/deadline-sweep.service';
import { SubmitDailyReportService } from './daily-reports/application/submit-daily-report.service';
import { DailyReportRepository } from './daily-reports/infrastructure/daily-report.repository';
import { DailyReportsHttpController } from './daily-reports/interface/daily-reports.http.controller';
import { RegisterInstitutionService } from './registry/application/register-institution.service';
import { InstitutionRepository } from './registry/infrastructure/institution.repository';
import { InstitutionsHttpController } from './registry/interface/institutions.http.controller';
import { ReportingDeadlinesService } from './reporting-deadlines/application/reporting-deadlines.service';
import { DeadlineRuleRepository } from './reporting-deadlines/infrastructure/deadline-rule.repository';
import { ReportingDeadlinesHttpController } from './reporting-deadlines/interface/reporting-deadlines.http.controller';
import { Connection } from 'mongoose';

export const SERVICE = 'institution-monitoring';

@Module({})
export class AppModule {
  static forRoot(config: InstitutionMonitoringConfig, clock: Clock = new SystemClock()): DynamicModule {
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
            outboxStores: [
              new InstitutionRepository(connection).outbox,
              new DailyReportRepository(connection).outbox,
            ],
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
      controllers: [InstitutionsHttpController, ReportingDeadlinesHttpController, DailyReportsHttpController],
      providers: [
        InstitutionRepository,
        DeadlineRuleRepository,
        DailyReportRepository,
        RegisterInstitutionService,
        ReportingDeadlinesService,
        SubmitDailyReportService,
        DeadlineSweepService,
        DeadlineSweepScheduler,
        { provide: SWEEP_INTERVAL_MS, useValue: config.SWEEP_INTERVAL_MS },
      ],
    };
  }
}
