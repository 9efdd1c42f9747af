// What system tests and benchmarks drive: the app factory, its config and the sweep.
export { createApp } from './bootstrap';
export { InstitutionMonitoringConfig } from './config/institution-monitoring.config';
export { DeadlineSweepService } from './daily-reports/application/deadline-sweep.service';
