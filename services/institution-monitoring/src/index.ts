// What system tests and benchmarks drive: the app factory, its config and the sweep.
export { createApp, OPEN_API } from './bootstrap';
export { AppModule } from './app.module';
export { InstitutionMonitoringConfig } from './config/institution-monitoring.config';
export { DeadlineSweepService } from './daily-reports/application/deadline-sweep.service';
