import path from 'node:path';
import type { DevServerOptions } from '../../stack/devServer';
import { freePort } from './freePort';
import { TEMPORAL_CLI } from './paths';

/** A private, headless dev server persisted in `dir`, on a free loopback port. */
export async function devServerOptionsIn(
  dir: string,
  extra: Partial<DevServerOptions> = {},
): Promise<DevServerOptions> {
  return {
    cliPath: TEMPORAL_CLI,
    dbFile: path.join(dir, 'temporal.sqlite'),
    host: '127.0.0.1',
    port: await freePort(),
    uiPort: null,
    namespace: 'default',
    ...extra,
  };
}
