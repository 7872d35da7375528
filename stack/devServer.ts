import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/secondment/definitions';

export interface DevServerOptions {
  cliPath: string;
  /** SQLite file that makes the server durable across restarts */
  dbFile: string;
  host: string;
  port: number;
  /** null: headless (no Web UI) */
  uiPort: number | null;
  namespace: string;
  /** how long to wait for the frontend to answer */
  readyTimeoutMs?: number;
  log?: (line: string) => void;
  /** the remote codec endpoint the Web UI decrypts payloads through */
  uiCodecEndpoint?: string;
  /** further arguments for `temporal server start-dev`, e.g. `--dynamic-config-value KEY=VALUE` */
  extraArgs?: string[];
}

export interface DevServer {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` from the CLI binary built by scripts/setup.sh, with a
 * persistent SQLite file and the project's search attributes, and waits until it answers.
 * Used by the embedded stack and by the test harness alike, so tests exercise the launcher.
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  await mkdir(path.dirname(opts.dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    opts.host,
    '--port',
    String(opts.port),
    '--db-filename',
    opts.dbFile,
    '--namespace',
    opts.namespace,
    '--log-level',
    'error',
    ...(opts.uiPort === null ? ['--headless'] : ['--ui-port', String(opts.uiPort)]),
    ...(opts.uiPort !== null && opts.uiCodecEndpoint ? ['--ui-codec-endpoint', opts.uiCodecEndpoint] : []),
    ...ALL_SEARCH_ATTRIBUTES.flatMap((key) => [
      '--search-attribute',
      `${key.name}=${TypedSearchAttributes.toMetadataType(key.type)}`,
    ]),
    ...(opts.extraArgs ?? []),
  ];
  const child = spawn(opts.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      output.push(line);
      if (output.length > 50) output.shift();
      opts.log?.(line);
    }
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.once('error', (err) => output.push(String(err)));

  const address = `${opts.host}:${opts.port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  let lastError: unknown;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Temporal dev server exited (code ${String(child.exitCode)}) before it was ready:\n${output.join('\n')}`,
      );
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: opts.namespace });
      } finally {
        await connection.close();
      }
      break;
    } catch (err) {
      lastError = err;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(
          `Temporal dev server at ${address} not ready after ${opts.readyTimeoutMs ?? 60_000} ms: ${String(lastError)}\n${output.join('\n')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  return {
    address,
    uiUrl: opts.uiPort === null ? null : `http://${opts.host}:${opts.uiPort}`,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
