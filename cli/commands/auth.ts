import { loginAnswerSchema, meAnswerSchema, type User } from '../../contract';
import { flag, str } from '../args';
import { authedClient, requireSession, type Command } from '../command';
import { CliError, usage } from '../errors';
import { EXIT } from '../exitCodes';
import { formatTime } from '../format';
import { ApiClient } from '../http';
import { obtainPassword, promptLine } from '../input';
import { renderFields } from '../table';

const SESSION_COOKIE = 'secondment_session';

function userFields(user: User): [string, string][] {
  return [
    ['用户 / User', `${user.username} (${user.displayName})`],
    ['角色 / Role', user.role],
    [
      user.role === 'cadre' ? '干部库编号 / Person id' : '单位 / Units',
      user.personId ?? user.units.join(', '),
    ],
  ];
}

export const login: Command = {
  name: 'login',
  summary: '登录并保存会话 / log in and save the session',
  options: {
    username: { type: 'string', short: 'u' },
    'password-stdin': { type: 'boolean' },
  },
  positionals: [{ name: 'username', optional: true }],
  help: `[<username> | -u <username>] [--password-stdin]
  密码从终端输入（不回显），或 --password-stdin，或环境变量 SECONDMENT_PASSWORD。
  Password: typed at the terminal (not echoed), or --password-stdin, or SECONDMENT_PASSWORD.
  例 / e.g.  secondment login admin
             printf '%s' "$PW" | secondment login admin --password-stdin --json`,
  async run(ctx, { values }, [positional]) {
    const given = str(values, 'username');
    if (given && positional) throw usage('用户名只能给一次 / give the username once', '--username');
    let username = given ?? positional;
    if (!username) {
      if (!ctx.stdin.isTTY) throw usage('缺少参数 / missing argument <username>', 'username');
      username = (await promptLine('用户名 / Username: ', ctx.stdin, ctx.out.stderr)).trim();
    }
    if (!username) throw usage('缺少参数 / missing argument <username>', 'username');
    const password = await obtainPassword({
      fromStdin: flag(values, 'password-stdin'),
      envValue: ctx.env.SECONDMENT_PASSWORD,
      envName: 'SECONDMENT_PASSWORD',
      stdin: ctx.stdin,
      stderr: ctx.out.stderr,
      prompt: '密码 / Password: ',
    });
    const res = await new ApiClient(ctx.api, null).request<unknown>('POST', '/api/auth/login', {
      body: { username, password },
    });
    const parsed = loginAnswerSchema.safeParse(res.body);
    const cookie = res.setCookies
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!parsed.success || !cookie)
      throw new CliError(
        'BAD_RESPONSE',
        `登录应答缺少会话 / the login answer carried no session (${ctx.api})`,
        EXIT.UNEXPECTED,
      );
    const { user, csrfToken, expiresAt } = parsed.data;
    ctx.sessions.put(ctx.api, {
      username: user.username,
      cookie,
      csrfToken,
      expiresAt,
      savedAt: new Date().toISOString(),
    });
    ctx.out.result({ api: ctx.api, user, expiresAt }, () =>
      renderFields([
        ['已登录 / Logged in', ctx.api],
        ...userFields(user),
        ['有效至 / Expires', formatTime(expiresAt)],
      ]),
    );
    return EXIT.OK;
  },
};

export const logout: Command = {
  name: 'logout',
  summary: '注销并删除保存的会话 / end the session and forget it',
  options: {},
  positionals: [],
  help: `
  未登录时也成功（loggedOut: false）。/ Succeeds when not logged in too (loggedOut: false).`,
  async run(ctx) {
    const session = ctx.sessions.get(ctx.api);
    if (session) {
      try {
        await new ApiClient(ctx.api, session).post('/api/auth/logout');
      } catch (err) {
        // Already ended on the server (expired, disabled user): only the local copy is left.
        if (!(err instanceof CliError && err.exitCode === EXIT.AUTH)) throw err;
      }
      ctx.sessions.remove(ctx.api);
    }
    const doc = { api: ctx.api, loggedOut: session !== null, username: session?.username ?? null };
    ctx.out.result(doc, () =>
      session
        ? `已注销 / Logged out: ${session.username} (${ctx.api})`
        : `本来就未登录 / Was not logged in (${ctx.api})`,
    );
    return EXIT.OK;
  },
};

export const whoami: Command = {
  name: 'whoami',
  summary: '当前登录的用户 / who is logged in',
  options: {},
  positionals: [],
  help: '',
  async run(ctx) {
    const session = requireSession(ctx);
    const me = meAnswerSchema.parse(await authedClient(ctx).get('/api/auth/me'));
    ctx.out.result({ api: ctx.api, user: me.user, mode: me.mode, expiresAt: session.expiresAt }, () =>
      renderFields([
        ['API', ctx.api],
        ...userFields(me.user),
        ['有效至 / Expires', formatTime(session.expiresAt)],
      ]),
    );
    return EXIT.OK;
  },
};
