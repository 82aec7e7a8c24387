export { ConfigError, type Env, readList, readPort, readString } from './env.js';
export { HEALTH_CHECKS, type HealthCheck, type Readiness, assessReadiness } from './health/health-check.js';
export { HealthModule } from './health/health.module.js';
export { BODY_LIMIT_BYTES, createService, type Listening, runService, type ServiceDefinition } from './service.js';
export { STACK_DEFAULTS } from './stack-defaults.js';
export { packageRoot, readPackageVersion } from './package-root.js';
