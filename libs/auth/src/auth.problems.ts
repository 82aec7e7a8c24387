import { ProblemException, problemType } from '#libs/service-kit';

/** The realm every challenge names: the services share one issuer and one audience. */
const REALM = 'seat-reservations';

/** 401 with the RFC 6750 challenge; `error="invalid_token"` only when a token was sent and refused. */
export const unauthorized = (detail: string, tokenSent: boolean): ProblemException =>
  new ProblemException(
    { type: problemType('unauthorized'), title: 'Sign-in required', status: 401, detail },
    {
      'www-authenticate': tokenSent
        ? `Bearer realm="${REALM}", error="invalid_token", error_description="${detail.replace(/["\\]/g, "'")}"`
        : `Bearer realm="${REALM}"`,
    },
  );

/** 403 that says only what is missing, never what the resource holds. */
export const forbidden = (detail: string): ProblemException =>
  new ProblemException({ type: problemType('forbidden'), title: 'Not allowed', status: 403, detail });

/** 503, with the Retry-After the problem filter gives every 503. */
export const authUnavailable = (): ProblemException =>
  new ProblemException({
    type: problemType('service-unavailable'),
    title: 'Service unavailable',
    status: 503,
    detail: 'The sign-in provider does not answer, so the token cannot be checked. Try again shortly.',
  });
