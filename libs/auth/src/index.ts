export { Allow, SignedInCaller } from './access.guard.js';
export { forbidden } from './auth.problems.js';
export { AuthModule } from './auth.module.js';
export { AUTH_ENV, type AuthSettings, authSettings } from './auth.settings.js';
export { type Caller, mayManage } from './caller.js';
export { devPassword, devSignInTarget, devToken, signIn } from './dev-sign-in.js';
