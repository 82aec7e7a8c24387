export { ConfigError, type Env, readList, readOptionalChoice, readPort, readPositiveInt, readString } from './env.js';
export { STACK_DEFAULTS } from './stack-defaults.js';
export { packageRoot, readPackageVersion } from './package-root.js';
