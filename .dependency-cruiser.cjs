// Layer rules, checked by `npm run deps` (part of `npm run check`, so of `npm test`). Each rule
// names what it protects; test/unit/architecture/dependencyRules.test.ts proves every rule fails
// on a violating fixture tree. Paths are relative to the folder cruised (the repository root).
const ANY_UPPER_LAYER = '^(api|cli|web|client|workflows|activities|notify|worker|stack)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No module reaches itself again through its imports (type-only imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-test',
      comment: 'Nothing outside test/ imports test/: the harness and fixtures are not part of the product.',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'machines-pure',
      comment:
        'The lifecycle machine imports only itself, zod, xstate and chinese-days (the holiday table, data): no I/O, no Temporal, no other layer.',
      severity: 'error',
      from: { path: '^machines/' },
      to: { pathNot: ['^machines/', 'node_modules/(zod|xstate|chinese-days)/'] },
    },
    {
      name: 'contract-pure',
      comment:
        'The wire contract is zod schemas, constants and the machine’s vocabularies: nothing with I/O.',
      severity: 'error',
      from: { path: '^contract/' },
      to: { pathNot: ['^contract/', '^machines/', 'node_modules/zod/'] },
    },
    {
      name: 'workflows-deterministic',
      comment:
        'Workflow code is replayed: it imports the machine, the contract, pure helpers and the Temporal workflow SDK only.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: {
        pathNot: [
          '^workflows/',
          '^machines/',
          '^contract/',
          '^common/',
          '^activities/',
          'node_modules/(@temporalio/(workflow|common)|xstate|zod)/',
        ],
      },
    },
    {
      name: 'workflows-activities-type-only',
      comment:
        'A workflow knows activities by their types only (proxyActivities); their code runs in the worker.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-the-message-definitions-of-workflows',
      comment:
        'Outside the worker, code imports only the workflow’s message definitions (Updates, queries, search attributes).',
      severity: 'error',
      from: { pathNot: ['^workflows/', '^worker/', '^test/'] },
      to: { path: '^workflows/', pathNot: '^workflows/[^/]+/definitions\\.ts$' },
    },
    {
      name: 'activities-for-the-worker',
      comment: 'Activities are registered by the worker and typed by the workflow; nobody else calls them.',
      severity: 'error',
      from: { pathNot: ['^activities/', '^worker/', '^workflows/', '^test/'] },
      to: { path: '^activities/' },
    },
    {
      name: 'store-through-its-index',
      comment: 'store/ is entered through store/index.ts only (its functions, not its SQL or row types).',
      severity: 'error',
      from: { pathNot: ['^store/', '^test/'] },
      to: { path: '^store/', pathNot: '^store/index\\.ts$' },
    },
    {
      name: 'store-is-below',
      comment: 'Storage knows the database, the contract and the machine, never who calls it.',
      severity: 'error',
      from: { path: '^(store|db)/' },
      to: { path: ANY_UPPER_LAYER },
    },
    {
      name: 'notify-is-below',
      comment: 'Delivery uses the store and the database, never the API, client or worker.',
      severity: 'error',
      from: { path: '^notify/' },
      to: { path: ANY_UPPER_LAYER, pathNot: '^notify/' },
    },
    {
      name: 'observability-is-below',
      comment:
        'Logs, metrics and tracing are handed to the layers they observe by the entry points; they import none of those layers.',
      severity: 'error',
      from: { path: '^observability/' },
      to: { path: '^(api|cli|web|client|workflows|activities|worker|stack)/' },
    },
    {
      name: 'paperwork-is-below',
      comment:
        'Documents and calendar feeds are rendered from data they are handed: no storage, Temporal or API.',
      severity: 'error',
      from: { path: '^(documents|calendarFeed)/' },
      to: {
        path: [
          '^(store|db|client|api|cli|web|workflows|activities|notify|worker|stack)/',
          'node_modules/@temporalio/',
        ],
      },
    },
    {
      name: 'codec-is-below',
      comment:
        'The payload codec is crypto over payloads: Node built-ins, the Temporal payload types and zod, nothing of ours above it.',
      severity: 'error',
      from: { path: '^codec/' },
      to: { path: ANY_UPPER_LAYER },
    },
    {
      name: 'client-is-below-its-callers',
      comment: 'The workflow client serves the API, the CLI’s tests and scripts; it imports none of them.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(api|cli|web|activities|notify|worker|stack)/' },
    },
    {
      name: 'temporal-through-the-client',
      comment: 'The API, the CLI and the console reach Temporal only through client/ (and the contract).',
      severity: 'error',
      from: { path: '^(api|cli|web)/' },
      to: { path: ['node_modules/@temporalio/', '^workflows/', '^activities/', '^worker/'] },
    },
    {
      name: 'cli-and-console-speak-http',
      comment: 'The CLI and the console talk to the API over HTTP: no storage, delivery or workflow client.',
      severity: 'error',
      from: { path: '^(cli|web)/' },
      to: { path: '^(store|db|notify|client|api|activities|workflows|worker|stack)/' },
    },
    {
      name: 'console-imports-contract-types-only',
      comment:
        'The console bundle stays small: from the contract only types, and as values only its zod-free modules.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: {
        path: '^contract/',
        pathNot: '^contract/(constants|caseId|bulkDuty)\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'console-runs-in-the-browser',
      comment: 'What ships to the page: itself, the contract, the statechart text, preact and mermaid.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: {
        pathNot: ['^web/src/', '^contract/', '^docs/statechart\\.mmd$', 'node_modules/(preact|mermaid)/'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: ['^node_modules/', '^\\.tools/', '^dist/', '^data/', '^test/unit/architecture/fixture/'],
    },
    // `import type` counts (and is recognised as type-only, which the workflow rule allows).
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
