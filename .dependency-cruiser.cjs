// Layer rules of docs/architecture.md ("Layer rules"), checked by `npm run lint` on the TypeScript sources.
// Paths are relative to the repository root; `$1` in a `to` refers to the first group of the `from` path.

/** A test may reach across layers and services to assemble what it tests (e2e, identity's test starting school). */
const TEST = '(^|/)test/|\\.test\\.tsx?$|/fixtures/';
const DOMAIN = '^(services|libs)/([^/]+)/src/domain/';

/** Frameworks and I/O clients a pure rule must not know about. */
const FRAMEWORKS = [
  '@nestjs/',
  'typeorm',
  'kafkajs',
  'pg',
  'pg-',
  'fastify',
  '@fastify/',
  'class-validator',
  'class-transformer',
  'rxjs',
  'reflect-metadata',
  'pino',
  'jose',
  'oidc-provider',
  'react',
];
/** Node modules that do I/O; `node:crypto` (hashing) stays allowed. */
const NODE_IO = [
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'dns',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'os',
  'process',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-no-framework',
      comment: 'src/domain holds pure rules: no framework, ORM, bus or database client.',
      severity: 'error',
      from: { path: DOMAIN },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        path: `(^|/)node_modules/(${FRAMEWORKS.join('|')})`,
      },
    },
    {
      name: 'domain-no-io',
      comment: 'src/domain does no I/O: no file system, network or process modules (a test may read its seed files).',
      severity: 'error',
      from: { path: DOMAIN, pathNot: TEST },
      to: { dependencyTypes: ['core'], path: `^(node:)?(${NODE_IO.join('|')})$` },
    },
    {
      name: 'domain-no-other-layer',
      comment: 'src/domain imports only src/domain (and pure libraries), never application, http, persistence, timers or wiring.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: '^$1/$2/src/', pathNot: '^$1/$2/src/domain/' },
    },
    {
      name: 'persistence-not-application',
      comment: 'Persistence (entities, migrations, stores) never depends on the use cases above it.',
      severity: 'error',
      from: { path: '^(services|libs)/([^/]+)/src/persistence/' },
      to: { path: '^$1/$2/src/application/' },
    },
    {
      name: 'application-only-lower-layers',
      comment:
        'Use cases build on domain, persistence and bus adapters (messaging/) and read the package settings; ' +
        'they never reach up into http/ or timers/, nor sideways into a feature folder.',
      severity: 'error',
      from: { path: '^(services|libs)/([^/]+)/src/application/' },
      to: { path: '^$1/$2/src/', pathNot: '^$1/$2/src/((application|domain|persistence|messaging)/|[^/]+$)' },
    },
    {
      name: 'http-only-from-http',
      comment: 'Controllers and DTOs are the outermost layer: only http/ itself and the wiring files at src/ import them.',
      severity: 'error',
      from: { path: '^(services|libs)/([^/]+)/src/(?!http/)[^/]+/' },
      to: { path: '^$1/$2/src/http/' },
    },
    {
      name: 'service-not-other-service',
      comment: 'A service talks to another only over Kafka or HTTP, never by import (tests may start another service).',
      severity: 'error',
      from: { path: '^services/([^/]+)/', pathNot: TEST },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'lib-not-service',
      comment: 'Libraries are shared by services, so they never depend on one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules form no cycles (type-only imports included: a cycle of types is still one concept split in two).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage)/|^infra/lint/fixtures/' },
    tsPreCompilationDeps: true,
    // tsconfig.base.json plus paths that map `@estafette/<name>` to its TypeScript entry (as jest's moduleNameMapper
    // does), so the check needs no build and follows imports into the sources.
    tsConfig: { fileName: 'tsconfig.lint.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
