export { type HealthCheck, type Readiness } from './health/health-check.js';
export { HealthModule } from './health/health.module.js';
export { createService, type Listening, runService, type ServiceDefinition } from './service.js';
export {
  type FieldError,
  invalidRequest,
  type Problem,
  ProblemException,
  type ProblemSource,
  problemType,
} from './http/problem.js';
export { type CommandContext, RequestCommandContext } from './http/command-context.js';
export { openApiSchema } from './http/openapi.js';
export { ACCESS_METADATA, Public } from './http/access.js';
export { limitSubject } from './http/edge.js';
