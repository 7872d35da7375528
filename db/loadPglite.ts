import NodeModule from 'node:module';

type PgliteModule = typeof import('@electric-sql/pglite');

/**
 * PGlite's WASM glue uses dynamic import(), which Jest's module sandbox refuses unless Node runs with
 * --experimental-vm-modules. Under Jest we therefore load it through Node's own loader (the function
 * require() itself delegates to), outside the sandbox; elsewhere it is an ordinary require. Values
 * then come from another realm, which is why timestamps are never checked with `instanceof Date`.
 */
export function loadPglite(): PgliteModule {
  if (process.env['JEST_WORKER_ID'] === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@electric-sql/pglite') as PgliteModule;
  }
  const loader = NodeModule as unknown as {
    _load: (request: string, parent: null, isMain: boolean) => unknown;
  };
  return loader._load(require.resolve('@electric-sql/pglite'), null, false) as PgliteModule;
}
