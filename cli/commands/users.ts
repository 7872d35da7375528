import { USER_ROLES, type UserView } from '../../contract';
import { enumValue, flag, str, strs } from '../args';
import { authedClient, type Command } from '../command';
import { usage } from '../errors';
import { EXIT } from '../exitCodes';
import { yesNo } from '../format';
import { obtainPassword } from '../input';
import { renderFields, renderTable } from '../table';

const ROLES = USER_ROLES;

/** A unit user's units by name; a cadre account's person by name (and id). */
const whom = (u: UserView): string =>
  u.role === 'cadre'
    ? `${u.personName ?? '—'} (${u.personId ?? '—'})`
    : u.unitNames.map((n) => n.zh).join('、');

function userRow(u: UserView): string[] {
  return [u.username, u.displayName, u.role, whom(u), yesNo(u.disabled)];
}

export const usersList: Command = {
  name: 'users list',
  summary: '本辖区的用户（组织部）/ users of your jurisdiction (org admins)',
  options: {},
  positionals: [],
  help: '',
  async run(ctx) {
    const answer = await authedClient(ctx).get<{ users: UserView[] }>('/api/users');
    ctx.out.result(answer, () =>
      answer.users.length === 0
        ? '（无 / none）'
        : renderTable(
            [
              { header: '用户名 / Username' },
              { header: '姓名 / Name', max: 30 },
              { header: '角色 / Role' },
              { header: '单位或干部 / Units or person', max: 50 },
              { header: '已停用 / Disabled' },
            ],
            answer.users.map(userRow),
          ),
    );
    return EXIT.OK;
  },
};

export const usersCreate: Command = {
  name: 'users create',
  summary: '在本辖区创建用户（组织部）/ create a user in your jurisdiction (org admins)',
  options: {
    username: { type: 'string' },
    'display-name': { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string', multiple: true },
    person: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
  positionals: [],
  help: `--username <name> --display-name <姓名> --role <role> (--unit <code>… | --person <person id>) [--password-stdin]
  角色 / roles: ${ROLES.join(', ')}。新用户的密码（至少 10 个字符）从终端输入两次、--password-stdin
  或 SECONDMENT_NEW_PASSWORD 读取。/ The new user's password (10+ characters): typed twice at the
  terminal, or --password-stdin, or SECONDMENT_NEW_PASSWORD.
  例 / e.g.  secondment users create --username clerk-li --display-name "李干事" --role sending_officer --unit city.dev-reform`,
  async run(ctx, { values }) {
    const username = str(values, 'username');
    if (!username) throw usage('缺少 --username / missing --username <name>', '--username');
    const displayName = str(values, 'display-name');
    if (!displayName) throw usage('缺少 --display-name / missing --display-name <姓名>', '--display-name');
    const role = enumValue(values, 'role', ROLES);
    if (!role) throw usage(`缺少 --role / missing --role <${ROLES.join('|')}>`, '--role');
    const units = strs(values, 'unit') ?? [];
    const personId = str(values, 'person');
    if (role === 'cadre' && !personId)
      throw usage('干部账号须绑定干部库中的干部 --person / a cadre needs --person <person id>', '--person');
    if (role !== 'cadre' && units.length === 0)
      throw usage('须至少一个 --unit / at least one --unit <code> is required', '--unit');
    const password = await obtainPassword({
      fromStdin: flag(values, 'password-stdin'),
      envValue: ctx.env.SECONDMENT_NEW_PASSWORD,
      envName: 'SECONDMENT_NEW_PASSWORD',
      stdin: ctx.stdin,
      stderr: ctx.out.stderr,
      prompt: `新用户 ${username} 的密码 / Password for ${username}: `,
      confirm: true,
    });
    const answer = await authedClient(ctx).post<{ user: UserView }>('/api/users', {
      username,
      displayName,
      role,
      units,
      ...(personId ? { personId } : {}),
      password,
    });
    ctx.out.result(answer, () =>
      renderFields([
        ['已创建 / Created', answer.user.username],
        ['姓名 / Name', answer.user.displayName],
        ['角色 / Role', answer.user.role],
        ['单位或干部 / Units or person', whom(answer.user)],
      ]),
    );
    return EXIT.OK;
  },
};

export const usersDisable: Command = {
  name: 'users disable',
  summary: '停用本辖区的用户并结束其会话（组织部）/ disable a user and end their sessions (org admins)',
  options: {},
  positionals: [{ name: 'username' }],
  help: `<username>
  例 / e.g.  secondment users disable clerk-li`,
  async run(ctx, _args, [username = '']) {
    const answer = await authedClient(ctx).post<{ user: UserView }>(
      `/api/users/${encodeURIComponent(username)}/disable`,
    );
    ctx.out.result(answer, () => `已停用 / Disabled: ${answer.user.username} (${answer.user.displayName})`);
    return EXIT.OK;
  },
};
