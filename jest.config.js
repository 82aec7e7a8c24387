/**
 * Tests run as native ES modules (Nest 12 ships ESM only), compiled by SWC with decorator metadata.
 * Three projects, selected with --selectProjects: unit (pure), int (real PostgreSQL, Kafka and the
 * MongoDB-wire server), e2e (running services over HTTP).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'es6' },
  },
];

/**
 * @fastify/static (behind the OpenAPI UI) is CommonJS and requires content-disposition, which is ESM only.
 * Node 20 loads that with require(esm); Jest's module runtime does not, so Jest gets it compiled to CommonJS.
 */
const requiredEsm = ['content-disposition'];

const project = (displayName, testMatch) => ({
  displayName,
  testMatch,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
    [`/node_modules/(${requiredEsm.join('|')})/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${requiredEsm.join('|')})/)`],
  moduleNameMapper: {
    '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['<rootDir>/libs/testing/src/test-env.ts'],
  rootDir: import.meta.dirname,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.stack/'],
});

export default {
  projects: [
    project('unit', ['**/*.spec.ts']),
    project('int', ['**/*.int-spec.ts']),
    project('e2e', ['**/*.e2e-spec.ts']),
  ],
};
