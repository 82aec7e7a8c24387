export { type Decider, deciderSpecification } from './decider-specification.js';
export { eventually } from './eventually.js';
export { readiness } from './readiness.js';
export { describeServiceProcess } from './service-behaviour.js';
export { type ServiceName, type ServiceProcess, startServiceProcess } from './service-process.js';
export { REPO_ROOT, runStack, stack, type StackComponent, type StackOutcome } from './stack.js';
export { emptyEventStoreUrl, eventStoreUrl, freshEventStoreUrl, uniqueId } from './event-store-database.js';
export { type HttpApp, startHttpApp } from './http-app.js';
export { runInvariantChecker } from './invariant-checker.js';
