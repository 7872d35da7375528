import { readFileSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../../stack/demo/users';
import { createCliWorld, type CliWorld } from './support/cli';

/** `secondment login / whoami / logout`, the saved session, and the usage errors every command shares. */
jest.setTimeout(120_000);

let w: CliWorld;

beforeAll(async () => {
  w = await createCliWorld();
});
afterAll(async () => {
  await w?.close();
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

test('login reads the password from stdin, saves the session 0600, and whoami answers with the user', async () => {
  const login = await w.as('admin', ['login', 'admin', '--password-stdin', '--json'], {
    stdin: `${DEMO_PASSWORD}\n`,
  });
  expect(login.code).toBe(0);
  expect(login.json()).toMatchObject({ api: w.apiUrl, user: { username: 'admin', role: 'org_admin' } });

  const file = join(w.home('admin'), 'sessions.json');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const saved = readFileSync(file, 'utf8');
  expect(saved).toContain('secondment_session=');
  expect(saved).not.toContain(DEMO_PASSWORD);

  const me = await w.as('admin', ['whoami', '--json']);
  expect(me.code).toBe(0);
  expect(me.json()).toMatchObject({
    api: w.apiUrl,
    mode: 'local',
    user: { username: 'admin', units: ['city.org-dept'] },
  });

  const human = await w.as('admin', ['whoami']);
  expect(human.code).toBe(0);
  expect(human.stdout).toContain('用户 / User');
  expect(human.stdout).toContain('市委组织部 王主任');
});

test('SECONDMENT_PASSWORD logs a script in; a wrong password exits 3 and saves nothing', async () => {
  const ok = await w.as('sender', ['login', '-u', 'sender', '--json'], {
    env: { SECONDMENT_PASSWORD: DEMO_PASSWORD },
  });
  expect(ok.code).toBe(0);
  expect(ok.json()).toMatchObject({ user: { username: 'sender', role: 'sending_officer' } });

  const bad = await w.as('intruder', ['login', 'auditor', '--password-stdin', '--json'], {
    stdin: 'wrong-password',
  });
  expect(bad.code).toBe(3);
  expect(bad.error().code).toBe('UNAUTHENTICATED');
  const after = await w.as('intruder', ['whoami', '--json']);
  expect([after.code, after.error().code]).toEqual([3, 'NOT_LOGGED_IN']);
});

test('without a terminal and without --password-stdin, login refuses to guess: exit 2 naming the flag', async () => {
  const res = await w.as('nobody-pw', ['login', 'admin', '--json']);
  expect(res.code).toBe(2);
  expect(res.error()).toMatchObject({ code: 'USAGE', field: '--password-stdin' });
});

test('not logged in: every command that needs a session exits 3 without calling the API', async () => {
  for (const args of [['list'], ['show', 'c-anything'], ['audit', 'verify'], ['users', 'list']]) {
    const res = await w.as(null, [...args, '--json']);
    expect([args.join(' '), res.code, res.error().code]).toEqual([args.join(' '), 3, 'NOT_LOGGED_IN']);
  }
  const human = await w.as(null, ['list']);
  expect(human.stderr).toContain('secondment login');
});

test('usage errors exit 2 and name the flag or argument', async () => {
  const unknownFlag = await w.as('admin', ['list', '--bogus', '--json']);
  expect(unknownFlag.code).toBe(2);
  expect(unknownFlag.error()).toMatchObject({ code: 'USAGE', field: '--bogus' });
  expect(unknownFlag.error().message).toContain('--bogus');

  const badValue = await w.as('admin', ['list', '--limit', 'lots', '--json']);
  expect([badValue.code, badValue.error().field]).toEqual([2, '--limit']);
  expect(badValue.error().message).toContain('integer');

  const missingValue = await w.as('admin', ['list', '--json', '--sort']);
  expect([missingValue.code, missingValue.error().field]).toEqual([2, '--sort']);

  const badStatus = await w.as('admin', ['list', '--status', 'POSTNG', '--json']);
  expect([badStatus.code, badStatus.error().field]).toEqual([2, '--status']);

  const missingArg = await w.as('admin', ['show', '--json']);
  expect(missingArg.code).toBe(2);
  expect(missingArg.error().message).toContain('<caseId>');

  const unknownCommand = await w.as('admin', ['frobnicate', '--json']);
  expect([unknownCommand.code, unknownCommand.error().code]).toEqual([2, 'USAGE']);
  expect(unknownCommand.error().message).toContain('frobnicate');

  const human = await w.as('admin', ['list', '--bogus']);
  expect(human.code).toBe(2);
  expect(human.stderr).toContain('--bogus');
  expect(human.stdout).toBe('');
});

test('--help lists every command and the exit codes; a command’s help names its flags', async () => {
  const all = await w.as(null, ['--help']);
  expect(all.code).toBe(0);
  for (const name of ['login', 'nominate', 'bulk', 'audit verify', 'users create'])
    expect(all.stdout).toContain(name);
  expect(all.stdout).toContain('退出码 / Exit codes');
  const bulk = await w.as(null, ['bulk', '--help']);
  expect(bulk.code).toBe(0);
  expect(bulk.stdout).toContain('--execute');
  const none = await w.as(null, []);
  expect(none.code).toBe(2);
});

test('an unreachable API exits 6; a malformed --api exits 2', async () => {
  const port = await closedPort();
  const res = await w.as(
    'admin',
    ['login', 'admin', '--password-stdin', '--json', '--api', `http://127.0.0.1:${port}`],
    {
      stdin: DEMO_PASSWORD,
    },
  );
  expect(res.code).toBe(6);
  expect(res.error().code).toBe('API_UNREACHABLE');
  const bad = await w.as('admin', ['whoami', '--json', '--api', 'not a url']);
  expect([bad.code, bad.error().field]).toEqual([2, '--api']);
});

test('logout ends the session on the server too; a second logout is a no-op', async () => {
  await w.login('auditor');
  const saved = JSON.parse(readFileSync(join(w.home('auditor'), 'sessions.json'), 'utf8')) as {
    sessions: Record<string, { cookie: string }>;
  };
  const cookie = saved.sessions[w.apiUrl]?.cookie ?? '';

  const out = await w.as('auditor', ['logout', '--json']);
  expect(out.code).toBe(0);
  expect(out.json()).toEqual({ api: w.apiUrl, loggedOut: true, username: 'auditor' });
  // The old cookie is dead on the server, not only forgotten locally.
  const reuse = await w.api.http.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  expect(reuse.statusCode).toBe(401);

  const again = await w.as('auditor', ['logout', '--json']);
  expect(again.code).toBe(0);
  expect(again.json()).toMatchObject({ loggedOut: false });
  const me = await w.as('auditor', ['whoami', '--json']);
  expect(me.code).toBe(3);
});

test('a session ended on the server (expired, revoked) exits 3 and says to log in again', async () => {
  await w.login('receiver');
  await w.api.world.db.query('DELETE FROM api_sessions WHERE username = $1', ['receiver']);
  const res = await w.as('receiver', ['list', '--json']);
  expect(res.code).toBe(3);
  expect(res.error().code).toBe('UNAUTHENTICATED');
  expect(res.error().message).toContain('secondment login');
});
