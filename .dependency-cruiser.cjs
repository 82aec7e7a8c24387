/** The layering of design §2, checked on every `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'apps-are-independent',
      comment: 'An app never imports another app; what they share is a lib.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'contracts-import-nothing-of-ours',
      comment: 'libs/contracts is the bottom layer: event types, schemas, topic and stream names.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^(apps|libs|tools)/', pathNot: '^libs/contracts/' },
    },
    {
      name: 'the-domain-is-pure',
      comment: 'A domain/ folder (the decider, its commands, errors and state) imports only the contracts and itself.',
      severity: 'error',
      from: { path: '/domain/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: ['^libs/contracts/', '/domain/'] },
    },
    {
      name: 'query-side-never-reads-the-event-store',
      comment: 'The query service knows only the contracts and Kafka.',
      severity: 'error',
      from: { path: '^apps/query-service/' },
      to: { path: '^libs/event-store/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libs-only-through-their-index',
      comment: 'Another package uses a lib through its index.ts, never a file inside it.',
      severity: 'error',
      from: { path: '^(apps|tools|bench|libs/([^/]+))/' },
      to: { path: '^libs/([^/]+)/src/', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'no-own-barrel',
      comment: 'Inside a lib, import the file you need, not your own index.ts (barrels breed import cycles).',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
      to: { path: '^libs/$1/src/index\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.stack|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      conditionNames: ['types', 'import', 'node', 'default'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
