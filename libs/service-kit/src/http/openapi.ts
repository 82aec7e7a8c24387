import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';

/** The OpenAPI 3.0 form of a zod schema, so the docs at /docs describe exactly what the validation accepts. */
export const openApiSchema = (schema: z.ZodType): Record<string, unknown> =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });

/** What any route may answer besides its own outcomes, as problem+json. */
const COMMON_ANSWERS = {
  badInput: { 400: 'A parameter or the body is not valid; `errors` names each field at fault.' },
  notFound: { 404: 'Nothing is found under these identifiers.' },
  limited: { 429: 'Too many requests from this address or person (Retry-After says when to try again).' },
  unavailable: { 503: 'A store the service needs does not answer; nothing was done (Retry-After).' },
};

/**
 * Declares on every operation the answers the edge and the validation give to any route: 400 where it
 * takes input, 404 where its path names something, 429 and 503 except on health and metrics, which are
 * neither limited nor in need of a store. A route's own description of one of them wins.
 */
export const withCommonAnswers = (document: OpenAPIObject): OpenAPIObject => {
  for (const [path, item] of Object.entries(document.paths)) {
    const operational = !path.startsWith('/health/') && path !== '/metrics';
    for (const operation of Object.values(item) as {
      parameters?: unknown[];
      requestBody?: unknown;
      responses: Record<string, unknown>;
    }[]) {
      const answers = {
        ...((operation.parameters?.length ?? 0) > 0 || operation.requestBody ? COMMON_ANSWERS.badInput : {}),
        ...(path.includes('{') && COMMON_ANSWERS.notFound),
        ...(operational && { ...COMMON_ANSWERS.limited, ...COMMON_ANSWERS.unavailable }),
      };
      for (const [status, description] of Object.entries(answers)) {
        operation.responses[status] ??= { description };
      }
    }
  }
  return document;
};
