import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ProblemException } from './problem.js';

/** A documented path as a pattern of the request paths it names, and the methods it declares. */
interface DeclaredPath {
  pattern: RegExp;
  methods: string[];
}

const declaredPaths = (document: OpenAPIObject): DeclaredPath[] =>
  Object.entries(document.paths).map(([path, item]) => ({
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    methods: Object.keys(item).map((method) => method.toUpperCase()),
  }));

/**
 * A method the OpenAPI document does not declare on a path it does is 405 with `Allow`, before anything
 * reads the request (its body, its content type). HEAD follows GET; OPTIONS is CORS's preflight.
 */
export const refuseUndeclaredMethods = (app: NestFastifyApplication, document: OpenAPIObject): void => {
  const paths = declaredPaths(document);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, _reply, done) => {
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      const path = request.url.split('?')[0] ?? '';
      const declared = paths.find(({ pattern }) => pattern.test(path));
      if (method === 'OPTIONS' || !declared || declared.methods.includes(method)) {
        done();
        return;
      }
      done(
        new ProblemException(
          {
            type: 'about:blank',
            title: 'Method not allowed',
            status: 405,
            detail: `${request.method} is not allowed on ${path}; ${declared.methods.join(', ')} are`,
          },
          { allow: declared.methods.join(', ') },
        ),
      );
    });
};
