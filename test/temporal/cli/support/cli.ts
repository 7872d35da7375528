import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_PASSWORD } from '../../../../stack/demo/users';
import { createApiWorld, type ApiWorld } from '../../api/support/apiWorld';

const ROOT = resolve(__dirname, '../../../..');
const BIN = join(ROOT, 'bin', 'secondment.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON document of --json */
  json<T = Record<string, unknown>>(): T;
  /** stderr parsed as the error document of --json */
  error(): { code: string; message: string; field?: string; rule?: string };
}

export interface RunOptions {
  stdin?: string;
  env?: Record<string, string>;
}

/** The real CLI as a child process (bin/secondment.js through tsx), never in-process. */
export function runCli(
  home: string,
  apiUrl: string,
  args: string[],
  opts: RunOptions = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('SECONDMENT_')) delete env[key];
  Object.assign(env, { SECONDMENT_CLI_HOME: home, SECONDMENT_API_URL: apiUrl, ...opts.env });
  return new Promise((done, fail) => {
    // Asynchronous on purpose: the API answering the CLI runs in this very process.
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({
        code,
        stdout,
        stderr,
        json<T>() {
          try {
            return JSON.parse(stdout) as T;
          } catch {
            throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\nstderr:\n${stderr}`);
          }
        },
        error() {
          try {
            return (JSON.parse(stderr) as { error: ReturnType<CliResult['error']> }).error;
          } catch {
            throw new Error(`stderr is not a JSON error (exit ${code}):\n${stderr}\nstdout:\n${stdout}`);
          }
        },
      });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** An API world plus one CLI home per user, so several people can be logged in at once. */
export interface CliWorld {
  api: ApiWorld;
  apiUrl: string;
  /** runs the CLI as this user (their own SECONDMENT_CLI_HOME); `null` = a home nobody logged in to */
  as(user: string | null, args: string[], opts?: RunOptions): Promise<CliResult>;
  /** `secondment login <user> --password-stdin`, failing the test if it does not succeed */
  login(user: string, password?: string): Promise<void>;
  home(user: string | null): string;
  close(): Promise<void>;
}

export async function createCliWorld(opts: Parameters<typeof createApiWorld>[0] = {}): Promise<CliWorld> {
  const api = await createApiWorld(opts);
  const apiUrl = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
  const root = mkdtempSync(join(tmpdir(), 'secondment-cli-'));
  let anonymous = 0;
  const home = (user: string | null) => join(root, user ?? `nobody-${++anonymous}`);
  const world: CliWorld = {
    api,
    apiUrl,
    home,
    as: (user, args, runOpts) => runCli(home(user), apiUrl, args, runOpts),
    async login(user, password = DEMO_PASSWORD) {
      const res = await world.as(user, ['login', user, '--password-stdin', '--json'], {
        stdin: `${password}\n`,
      });
      if (res.code !== 0) throw new Error(`login ${user}: exit ${res.code}\n${res.stderr}`);
    },
    async close() {
      await api.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return world;
}
