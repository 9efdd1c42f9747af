import { INestApplication } from '@nestjs/common';
import { CaseTopic, DailyReportTopic } from '@civil/contracts';
import { createApp as createInstitutionMonitoring, InstitutionMonitoringConfig } from '@civil/institution-monitoring';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { createApp as createSupervision, SupervisionConfig } from '@civil/supervision';
import { createRunTopics, isolatedRun, serviceEnv, TopicRecorder } from '@civil/testing';

export interface BothServices {
  monitoring: INestApplication;
  supervision: INestApplication;
  /** Records the daily-report and case topics from the start. */
  recorder: TopicRecorder;
  reportTopic: string;
  caseTopic: string;
  stop(): Promise<void>;
}

/** institution-monitoring and supervision in this process, on one run's topics and databases, sharing a clock. */
export async function startBothServices(run: ReturnType<typeof isolatedRun>, clock: SettableClock): Promise<BothServices> {
  const names = new TopicNames(run.topicPrefix);
  const reportTopic = names.physical(DailyReportTopic.name);
  const caseTopic = names.physical(CaseTopic.name);
  await createRunTopics(run);
  const recorder = await new TopicRecorder([reportTopic, caseTopic]).start();
  const monitoring = await createInstitutionMonitoring(
    loadConfig(InstitutionMonitoringConfig, serviceEnv(run, 'institution-monitoring')),
    clock,
  );
  const supervision = await createSupervision(loadConfig(SupervisionConfig, serviceEnv(run, 'supervision')), clock);
  return {
    monitoring,
    supervision,
    recorder,
    reportTopic,
    caseTopic,
    stop: async () => {
      await recorder.stop();
      await monitoring.close();
      await supervision.close();
    },
  };
}
