import type { OptionSpec, ParsedArgs, PositionalSpec } from './args';
import { notLoggedIn } from './errors';
import type { ExitCode } from './exitCodes';
import { ApiClient } from './http';
import type { Output } from './output';
import type { SessionStore, StoredSession } from './session';

export interface CommandContext {
  /** normalized API base URL (also the key of the saved session) */
  api: string;
  out: Output;
  sessions: SessionStore;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
}

export interface Command {
  /** one or two words: `list`, `users create` */
  name: string;
  /** zh-CN / English, one line */
  summary: string;
  options: OptionSpec;
  positionals: PositionalSpec[];
  /** usage lines after `secondment <name>` and an example or two, for --help */
  help: string;
  run(ctx: CommandContext, args: ParsedArgs, positionals: string[]): Promise<ExitCode>;
}

/** The saved session for this API, or exit 3 without asking the API. */
export function requireSession(ctx: CommandContext): StoredSession {
  const session = ctx.sessions.get(ctx.api);
  if (!session) throw notLoggedIn(ctx.api, 'none');
  if (Date.parse(session.expiresAt) <= Date.now()) throw notLoggedIn(ctx.api, 'expired');
  return session;
}

export function authedClient(ctx: CommandContext): ApiClient {
  return new ApiClient(ctx.api, requireSession(ctx));
}
