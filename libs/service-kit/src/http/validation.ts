import { StandardSchemaValidationPipe } from '@nestjs/common';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { type FieldError, invalidRequest } from './problem.js';

const segment = (key: PropertyKey | StandardSchemaV1.PathSegment): string =>
  String(typeof key === 'object' ? key.key : key)
    .replaceAll('~', '~0')
    .replaceAll('/', '~1');

const pointer = (path: readonly (PropertyKey | StandardSchemaV1.PathSegment)[]): string =>
  path.map((key) => `/${segment(key)}`).join('');

/**
 * Schema issues as field errors whose paths are JSON Pointers into the body, query or params. An unknown
 * field is reported at its own path, not at the object holding it (zod puts the keys beside the issue).
 */
export const toFieldErrors = (issue: StandardSchemaV1.Issue): FieldError[] => {
  const path = issue.path ?? [];
  const { code, keys } = issue as { code?: string; keys?: string[] };
  if (code === 'unrecognized_keys' && keys) {
    return keys.map((key) => ({ path: pointer([...path, key]), message: 'is not a known field' }));
  }
  return [{ path: pointer(path), message: issue.message }];
};

/** Validates every `@Body({ schema })`, `@Query({ schema })` and `@Param({ schema })` and answers 400 problems. */
export const validationPipe = (): StandardSchemaValidationPipe =>
  new StandardSchemaValidationPipe({ exceptionFactory: (issues) => invalidRequest(issues.flatMap(toFieldErrors)) });
