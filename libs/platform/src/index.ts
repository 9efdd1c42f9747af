// Configuration (validated environment variables)
export * from './config/base-service.config';
export * from './config/config.error';
export * from './config/config.loader';
export * from './config/kafka-connection';

// Authentication, roles and jurisdiction scoping
export * from './auth/principal.model';
export * from './auth/principal-claims.parser';
export * from './auth/jwt.verifier';
export * from './auth/jwt-auth.guard';
export * from './auth/auth.decorators';
export * from './auth/auth.module';
export * from './auth/jurisdiction.policy';
export * from './auth/settings.policy';
export * from './auth/dev-keys.generator';
export * from './auth/token.minter';
export * from './auth/public-key.resolver';

// Health probes
export * from './health/readiness-check';
export * from './health/relay-health';
export * from './health/health.controller';
export * from './health/health.module';

// Logging
export * from './logging/pino-root.factory';
export * from './logging/json.logger';
export * from './logging/context.logger';

// Tracing
export * from './tracing/tracing.bootstrap';

// Clock
export * from './clock/clock.module';

// Errors to HTTP
export * from './errors/domain-error.filter';
export * from './errors/validation.pipe';
export * from './errors/validation-errors.flattener';

// HTTP app bootstrap
export * from './bootstrap/http-defaults';
export * from './bootstrap/openapi';
export * from './bootstrap/service.runner';
export * from './bootstrap/service-foundation.module';
export * from './bootstrap/periodic-task';
export * from './tracing/continue-trace.middleware';
export * from './errors/outage-error.filter';

// Hostile input: checked bodies, division codes, calendar dates
export * from './input';

// Idempotency-Key on every POST
export * from './idempotency';

// Personal data: keyed person hash and field encryption
export * from './personal-data';

// Regional settings with history
export * from './regional-settings';
