// What system tests and benchmarks drive: the app factory, its config, the ladder timer and the case path.
export { createApp, OPEN_API } from './bootstrap';
export { AppModule } from './app.module';
export { SupervisionConfig } from './config/supervision.config';
export { EscalateDueCasesService } from './cases/application/escalate-due-cases.service';
export { CaseSignalsService } from './cases/application/case-signals.service';
export { CaseRepository } from './cases/infrastructure/case.repository';
