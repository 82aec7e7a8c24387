export { ConfigError, type Env, readList, readPort, readPositiveInt, readString } from './env.js';
export { HEALTH_CHECKS, type HealthCheck, type Readiness, assessReadiness } from './health/health-check.js';
export { HealthModule } from './health/health.module.js';
export { BODY_LIMIT_BYTES, createService, type Listening, runService, type ServiceDefinition } from './service.js';
export { STACK_DEFAULTS } from './stack-defaults.js';
export { packageRoot, readPackageVersion } from './package-root.js';
export {
  type FieldError,
  invalidRequest,
  isProblemSource,
  type Problem,
  ProblemException,
  type ProblemSource,
  problemType,
} from './http/problem.js';
export { ProblemDetailsFilter } from './http/problem-details.filter.js';
export { toFieldErrors, validationPipe } from './http/validation.js';
export { type CommandContext, commandContextOf, fingerprint, RequestCommandContext } from './http/command-context.js';
export { openApiSchema } from './http/openapi.js';
