export { ConfigError, type Env, fromEnv, parseEnv, STACK_ENV, stackEnv, withPassword } from './env.js';
export { STACK_DEFAULTS } from './stack-defaults.js';
export { packageRoot, readPackageVersion } from './package-root.js';
