import { z } from 'zod';

/** The OpenAPI 3.0 form of a zod schema, so the docs at /docs describe exactly what the validation accepts. */
export const openApiSchema = (schema: z.ZodType): Record<string, unknown> =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
