import { A_UNITS, B_UNITS } from '../api/support/cases';
import { createCliWorld, type CliWorld } from './support/cli';

/** `secondment users create / list / disable`: org admins, within their own jurisdiction only. */
jest.setTimeout(120_000);

let w: CliWorld;

interface UserDoc {
  username: string;
  displayName: string;
  role: string;
  units: string[];
  unitNames: { zh: string; en: string }[];
  personId: string | null;
  personName: string | null;
  disabled: boolean;
}

const NEW_PASSWORD = 'a-long-enough-password';
const create = (as: string, username: string, extra: string[], password = NEW_PASSWORD) =>
  w.as(
    as,
    [
      'users',
      'create',
      '--username',
      username,
      '--display-name',
      '李干事',
      ...extra,
      '--password-stdin',
      '--json',
    ],
    {
      stdin: `${password}\n`,
    },
  );

beforeAll(async () => {
  w = await createCliWorld();
  for (const user of ['admin', 'county-admin', 'sender']) await w.login(user);
});
afterAll(async () => {
  await w?.close();
});

test('users list: the admin’s jurisdiction only (the city’s holds its counties’), never a password hash', async () => {
  const res = await w.as('admin', ['users', 'list', '--json']);
  expect(res.code).toBe(0);
  const users = res.json<{ users: UserDoc[] }>().users;
  const names = users.map((u) => u.username);
  expect(names).toEqual(expect.arrayContaining(['admin', 'sender', 'auditor', 'county-admin', 'receiver-c']));
  expect(users.find((u) => u.username === 'sender')).toEqual({
    username: 'sender',
    displayName: '市发改委 人事处',
    role: 'sending_officer',
    units: [A_UNITS.sending],
    unitNames: [{ zh: '市发展和改革委员会', en: 'Municipal Development and Reform Commission' }],
    personId: null,
    personName: null,
    disabled: false,
  });
  expect(users.find((u) => u.username === 'cadre')).toMatchObject({
    personId: A_UNITS.cadre,
    personName: '冯雅琴',
  });
  expect(res.stdout).not.toContain('scrypt');

  const county = (await w.as('county-admin', ['users', 'list', '--json'])).json<{ users: UserDoc[] }>();
  expect(county.users.map((u) => u.username)).toEqual(expect.arrayContaining(['county-admin', 'receiver-c']));
  expect(county.users.map((u) => u.username)).not.toContain('sender');
  expect(county.users.map((u) => u.username)).not.toContain('admin');

  const human = await w.as('admin', ['users', 'list']);
  expect(human.stdout.split('\n')[0]).toMatch(/^用户名 \/ Username\s+姓名 \/ Name/);
  expect(human.stdout).toContain('市发改委 人事处');

  const sender = await w.as('sender', ['users', 'list', '--json']);
  expect([sender.code, sender.error().code]).toEqual([3, 'FORBIDDEN']);
});

test('users create: the new user can log in; a taken username exits 5', async () => {
  const res = await create('admin', 'clerk-li', ['--role', 'sending_officer', '--unit', A_UNITS.sending]);
  expect(res.code).toBe(0);
  expect(res.json<{ user: UserDoc }>().user).toEqual({
    username: 'clerk-li',
    displayName: '李干事',
    role: 'sending_officer',
    units: [A_UNITS.sending],
    unitNames: [{ zh: '市发展和改革委员会', en: 'Municipal Development and Reform Commission' }],
    personId: null,
    personName: null,
    disabled: false,
  });
  await w.login('clerk-li', NEW_PASSWORD);
  const me = await w.as('clerk-li', ['whoami', '--json']);
  expect(me.json()).toMatchObject({ user: { username: 'clerk-li', role: 'sending_officer' } });

  const again = await create('admin', 'clerk-li', ['--role', 'sending_officer', '--unit', A_UNITS.sending]);
  expect([again.code, again.error().code, again.error().field]).toEqual([5, 'USER_EXISTS', 'body.username']);
});

test('users create: outside the jurisdiction is forbidden (3), invalid input is a usage error (2)', async () => {
  const crossCounty = await create('county-admin', 'spy', [
    '--role',
    'sending_officer',
    '--unit',
    A_UNITS.sending,
  ]);
  expect([crossCounty.code, crossCounty.error().code, crossCounty.error().field]).toEqual([
    3,
    'FORBIDDEN',
    'body.units',
  ]);
  // a cadre account only for a person of the admin's own jurisdiction in the registry
  const cadreElsewhere = await create('county-admin', 'cadre-x', [
    '--role',
    'cadre',
    '--person',
    A_UNITS.cadre,
  ]);
  expect([cadreElsewhere.code, cadreElsewhere.error().field]).toEqual([3, 'body.personId']);
  const cadreHere = await create('admin', 'cadre-y', ['--role', 'cadre', '--person', B_UNITS.cadre]);
  expect(cadreHere.json<{ user: UserDoc }>().user).toMatchObject({
    personId: B_UNITS.cadre,
    personName: '孙立新',
  });

  const shortPassword = await create(
    'admin',
    'clerk-wang',
    ['--role', 'auditor', '--unit', A_UNITS.org],
    'short',
  );
  expect([shortPassword.code, shortPassword.error().code, shortPassword.error().field]).toEqual([
    2,
    'INVALID_INPUT',
    'body.password',
  ]);
  const noUnit = await create('admin', 'clerk-wang', ['--role', 'auditor']);
  expect([noUnit.code, noUnit.error().field]).toEqual([2, '--unit']);
  const badRole = await create('admin', 'clerk-wang', ['--role', 'boss', '--unit', A_UNITS.org]);
  expect([badRole.code, badRole.error().field]).toEqual([2, '--role']);
  const noPassword = await w.as('admin', [
    'users',
    'create',
    '--username',
    'clerk-wang',
    '--display-name',
    '王',
    '--role',
    'auditor',
    '--unit',
    A_UNITS.org,
    '--json',
  ]);
  expect([noPassword.code, noPassword.error().field]).toEqual([2, '--password-stdin']);
  const created = (await w.as('admin', ['users', 'list', '--json'])).json<{ users: UserDoc[] }>();
  expect(created.users.map((u) => u.username)).not.toContain('clerk-wang');
});

test('users disable: ends the user’s sessions; another county’s admin gets 4', async () => {
  await create('admin', 'clerk-zhao', ['--role', 'sending_officer', '--unit', A_UNITS.sending]);
  await w.login('clerk-zhao', NEW_PASSWORD);

  const foreign = await w.as('county-admin', ['users', 'disable', 'clerk-zhao', '--json']);
  expect([foreign.code, foreign.error().code]).toEqual([4, 'NOT_FOUND']);
  expect((await w.as('clerk-zhao', ['whoami', '--json'])).code).toBe(0);

  const res = await w.as('admin', ['users', 'disable', 'clerk-zhao', '--json']);
  expect(res.code).toBe(0);
  expect(res.json<{ user: UserDoc }>().user).toMatchObject({ username: 'clerk-zhao', disabled: true });

  const session = await w.as('clerk-zhao', ['whoami', '--json']);
  expect(session.code).toBe(3);
  const relogin = await w.as('clerk-zhao', ['login', 'clerk-zhao', '--password-stdin', '--json'], {
    stdin: NEW_PASSWORD,
  });
  expect(relogin.code).toBe(3);
  const self = await w.as('admin', ['users', 'disable', 'admin', '--json']);
  expect(self.code).toBe(3);
  const missing = await w.as('admin', ['users', 'disable', 'nobody-here', '--json']);
  expect(missing.code).toBe(4);
});
