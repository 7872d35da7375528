import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { usage } from './errors';

/**
 * Sessions saved by `secondment login`, one per API URL, in `sessions.json` under
 * SECONDMENT_CLI_HOME (default ~/.config/secondment). The file holds a live session cookie, so it
 * is written 0600 in a 0700 directory, and replaced by rename so a crash never leaves half a file.
 */

const storedSessionSchema = z.object({
  username: z.string(),
  /** `secondment_session=…`, sent back as the Cookie header */
  cookie: z.string().min(1),
  csrfToken: z.string().min(1),
  expiresAt: z.string(),
  savedAt: z.string(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

const sessionFileSchema = z.object({
  version: z.literal(1),
  sessions: z.record(z.string(), storedSessionSchema),
});
type SessionFile = z.infer<typeof sessionFileSchema>;

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

export function cliHome(env: NodeJS.ProcessEnv): string {
  return env.SECONDMENT_CLI_HOME || join(homedir(), '.config', 'secondment');
}

/** The API's base URL as the key of its session: scheme, host, port and path, no trailing slash. */
export function normalizeApiUrl(raw: string, flag = '--api'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usage(`${flag}: 应为 http(s) 地址 / expected an http(s) URL, got "${raw}"`, flag);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usage(`${flag}: 应为 http(s) 地址 / expected an http(s) URL, got "${raw}"`, flag);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export class SessionStore {
  readonly file: string;

  constructor(readonly home: string) {
    this.file = join(home, 'sessions.json');
  }

  private read(): SessionFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return { version: 1, sessions: {} };
    }
    try {
      const parsed = sessionFileSchema.safeParse(JSON.parse(text));
      // A damaged file only costs a new login; it must not block every command.
      return parsed.success ? parsed.data : { version: 1, sessions: {} };
    } catch {
      return { version: 1, sessions: {} };
    }
  }

  private write(data: SessionFile): void {
    mkdirSync(this.home, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
    chmodSync(this.file, 0o600);
  }

  get(api: string): StoredSession | null {
    return this.read().sessions[api] ?? null;
  }

  put(api: string, session: StoredSession): void {
    const data = this.read();
    data.sessions[api] = session;
    this.write(data);
  }

  /** Forgets the API's session; true when there was one. */
  remove(api: string): boolean {
    const data = this.read();
    if (!data.sessions[api]) return false;
    delete data.sessions[api];
    if (Object.keys(data.sessions).length === 0) rmSync(this.file, { force: true });
    else this.write(data);
    return true;
  }
}
