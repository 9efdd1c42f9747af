// What system tests and benchmarks drive: the app factory, its config and the ladder timer.
export { createApp } from './bootstrap';
export { SupervisionConfig } from './config/supervision.config';
export { EscalateDueCasesService } from './cases/application/escalate-due-cases.service';
