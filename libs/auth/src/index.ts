export { AccessGuard, Allow, SignedInCaller, TOKEN_VERIFIER } from './access.guard.js';
export { forbidden } from './auth.problems.js';
export { AuthModule } from './auth.module.js';
export { AUTH_ENV, type AuthSettings, authSettings } from './auth.settings.js';
export { type Access, type Caller, isAdmin, mayManage, type Role, ROLES } from './caller.js';
export { devPassword, signIn, type SignInTarget } from './dev-sign-in.js';
export { ADMIN_TOKEN_SUBJECT, InvalidToken, JwtVerifier, type TokenVerifier } from './token-verifier.js';
