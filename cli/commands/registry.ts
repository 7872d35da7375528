// The unit directory (单位库) and the cadre registry (干部库) from the command line: list, show,
// add; and search by name.
import type { z } from 'zod';
import type {
  personDetailSchema,
  personPageSchema,
  searchAnswerSchema,
  unitDetailSchema,
  unitPageSchema,
  unitAnswerSchema,
  personAnswerSchema,
} from '../../contract';
import { flag, intValue, str } from '../args';
import { authedClient, type Command } from '../command';
import { usage } from '../errors';
import { EXIT } from '../exitCodes';
import { bi, yesNo } from '../format';
import { readJsonInput } from '../input';
import { renderFields, renderTable } from '../table';

type UnitPage = z.infer<typeof unitPageSchema>;
type UnitDetail = z.infer<typeof unitDetailSchema>;
type PersonPage = z.infer<typeof personPageSchema>;
type PersonDetail = z.infer<typeof personDetailSchema>;
type Search = z.infer<typeof searchAnswerSchema>;

export const unitsList: Command = {
  name: 'units list',
  summary: '单位库（默认本辖区）/ the unit directory (your jurisdiction by default)',
  options: {
    parent: { type: 'string' },
    q: { type: 'string' },
    type: { type: 'string' },
    all: { type: 'boolean' },
    limit: { type: 'string' },
  },
  positionals: [],
  help: `[--parent <code>] [--q <text>] [--type <type>] [--all] [--limit n]
  例 / e.g.  secondment units list --parent county.c
             secondment units list --q 财政 --all`,
  async run(ctx, { values }) {
    const page = await authedClient(ctx).get<UnitPage>('/api/units', {
      parent: str(values, 'parent'),
      q: str(values, 'q'),
      type: str(values, 'type'),
      mine: flag(values, 'all') ? 'false' : undefined,
      limit: intValue(values, 'limit', { min: 1, max: 1000 }),
    });
    ctx.out.result(
      page,
      () =>
        renderTable(
          [
            { header: '代码 / Code' },
            { header: '名称 / Name', max: 30 },
            { header: '类型 / Type' },
            { header: '层级 / Level' },
            { header: '上级 / Parent', max: 24 },
          ],
          page.items.map((u) => [u.code, u.name.zh, u.type, u.level, u.parentName?.zh ?? '—']),
        ) + `\n\n共 ${page.total} 个单位 / ${page.total} units`,
    );
    return EXIT.OK;
  },
};

export const unitsShow: Command = {
  name: 'units show',
  summary: '一个单位：上级、下级、负责的组织部和统战部 / one unit with its tree and departments',
  options: {},
  positionals: [{ name: 'code' }],
  help: `<code>
  例 / e.g.  secondment units show county.c.town-d`,
  async run(ctx, _args, [code = '']) {
    const d = await authedClient(ctx).get<UnitDetail>(`/api/units/${encodeURIComponent(code)}`);
    ctx.out.result(d, () =>
      renderFields([
        ['代码 / Code', d.unit.code],
        ['名称 / Name', bi(d.unit.name)],
        ['类型 / Type', d.unit.type],
        ['层级 / Level', d.unit.level],
        ['上级 / Ancestors', d.ancestors.map((a) => a.name.zh).join(' ← ') || '—'],
        ['下级 / Children', d.children.map((c) => c.name.zh).join('、') || '—'],
        ['组织部 / Org dept', d.orgDept?.name.zh ?? '—'],
        ['统战部 / United front', d.unitedFrontDept?.name.zh ?? '—'],
        ['可管理 / Manageable', yesNo(d.manageable)],
      ]),
    );
    return EXIT.OK;
  },
};

export const unitsAdd: Command = {
  name: 'units add',
  summary: '在本辖区新增单位（组织部）/ add a unit in your jurisdiction (org admins)',
  options: {
    code: { type: 'string' },
    'name-zh': { type: 'string' },
    'name-en': { type: 'string' },
    type: { type: 'string' },
    level: { type: 'string' },
    parent: { type: 'string' },
  },
  positionals: [],
  help: `--code <code> --name-zh <名称> --name-en <name> --type <type> --level city|county|township|village --parent <code>
  例 / e.g.  secondment units add --code county.c.town-x --name-zh 青石县新镇 --name-en "Xin Town" --type township --level township --parent county.c`,
  async run(ctx, { values }) {
    const need = (name: string) => {
      const v = str(values, name);
      if (!v) throw usage(`缺少 --${name} / missing --${name}`, `--${name}`);
      return v;
    };
    const answer = await authedClient(ctx).post<z.infer<typeof unitAnswerSchema>>('/api/units', {
      code: need('code'),
      name: { zh: need('name-zh'), en: need('name-en') },
      type: need('type'),
      level: need('level'),
      parentCode: need('parent'),
    });
    ctx.out.result(answer, () => `已新增 / Added: ${answer.unit.code} ${bi(answer.unit.name)}`);
    return EXIT.OK;
  },
};

export const personsList: Command = {
  name: 'persons list',
  summary: '干部库：按姓名、单位、类别查找（本范围）/ the cadre registry in your scope',
  options: {
    name: { type: 'string' },
    unit: { type: 'string' },
    category: { type: 'string' },
    pool: { type: 'boolean' },
    limit: { type: 'string' },
  },
  positionals: [],
  help: `[--name <姓名>] [--unit <code>] [--category <category>] [--pool] [--limit n]
  例 / e.g.  secondment persons list --name 孙 --pool`,
  async run(ctx, { values }) {
    const page = await authedClient(ctx).get<PersonPage>('/api/persons', {
      q: str(values, 'name'),
      unit: str(values, 'unit'),
      category: str(values, 'category'),
      pool: flag(values, 'pool') ? 'true' : undefined,
      limit: intValue(values, 'limit', { min: 1, max: 500 }),
    });
    ctx.out.result(
      page,
      () =>
        renderTable(
          [
            { header: '编号 / Id' },
            { header: '姓名 / Name' },
            { header: '性别 / Gender' },
            { header: '出生 / Born' },
            { header: '党派 / Party' },
            { header: '单位 / Unit', max: 24 },
            { header: '职务 / Post', max: 20 },
            { header: '后备库 / Pool' },
          ],
          page.items.map((p) => [
            p.id,
            p.name,
            p.gender === 'female' ? '女' : p.gender === 'male' ? '男' : '—',
            p.birthDate?.slice(0, 7) ?? '—',
            p.partyStatus === 'cpc' ? '中共党员' : (p.partyName ?? '党外'),
            p.currentUnitName?.zh ?? '—',
            p.currentPost ?? '—',
            yesNo(p.inReservePool),
          ]),
        ) + `\n\n共 ${page.total} 人 / ${page.total} persons`,
    );
    return EXIT.OK;
  },
};

export const personsShow: Command = {
  name: 'persons show',
  summary: '干部页：历年挂职、个人档案、座谈会 / a person’s page',
  options: {},
  positionals: [{ name: 'personId' }],
  help: `<personId>
  例 / e.g.  secondment persons show p9f65b83d7e0c6a4db570`,
  async run(ctx, _args, [id = '']) {
    const d = await authedClient(ctx).get<PersonDetail>(`/api/persons/${encodeURIComponent(id)}`);
    const p = d.person;
    ctx.out.result(d, () =>
      [
        renderFields([
          ['姓名 / Name', `${p.name} (${p.id})`],
          ['性别、出生 / Gender, born', `${p.gender === 'female' ? '女' : '男'}，${p.birthDate ?? '—'}`],
          ['民族、籍贯 / Ethnicity, native place', `${p.ethnicity ?? '—'}，${p.nativePlace ?? '—'}`],
          [
            '党派 / Party',
            p.partyStatus === 'cpc' ? `中共党员（${p.partyJoinedOn ?? '—'}入党）` : (p.partyName ?? '党外'),
          ],
          [
            '学历 / Education',
            [p.education.level, p.education.school, p.education.major].filter(Boolean).join('，'),
          ],
          ['单位职务 / Unit and post', `${p.currentUnitName?.zh ?? '—'} ${p.currentPost ?? ''}`],
          ['年度考核 / Grades', d.grades.map((g) => `${g.year}: ${g.grade}`).join('，') || '—'],
        ]),
        '\n挂职经历 / Secondments',
        d.cases.length === 0
          ? '（无 / none）'
          : renderTable(
              [
                { header: '案件 / Case' },
                { header: '年度 / Year' },
                { header: '接收单位 / Receiving', max: 24 },
                { header: '状态 / Status' },
                { header: '批次 / Round', max: 24 },
              ],
              d.cases.map((c) => [
                c.caseId,
                String(c.year ?? '—'),
                c.receivingUnitName.zh,
                c.statusLabel?.zh ?? c.status ?? '—',
                c.roundName ?? '—',
              ]),
            ),
        '\n座谈会 / Seminars',
        d.seminars.length === 0
          ? '（无 / none）'
          : d.seminars.map((s) => `${s.heldAt.slice(0, 10)} ${s.title}（${s.place}）`).join('\n'),
      ].join('\n'),
    );
    return EXIT.OK;
  },
};

export const personsAdd: Command = {
  name: 'persons add',
  summary: '把干部录入干部库（组织部）/ enter a person into the registry (org admins)',
  options: { file: { type: 'string' } },
  positionals: [],
  help: `[--file <person.json> | --file - | < person.json]
  JSON 见 POST /api/persons；只在标准输出打印编号 / the JSON of POST /api/persons; prints the id only.
  例 / e.g.  id=$(secondment persons add --file person.json)`,
  async run(ctx, { values }) {
    const body = await readJsonInput(str(values, 'file'), ctx.stdin, {
      stdinWhenPiped: true,
      what: 'person',
    });
    if (!body)
      throw usage(
        '需要干部信息：--file <path> 或标准输入 / expected --file <path> or JSON on stdin',
        '--file',
      );
    const answer = await authedClient(ctx).post<z.infer<typeof personAnswerSchema>>('/api/persons', body);
    ctx.out.result(answer, () => answer.person.id);
    ctx.out.note(`已录入 / Entered: ${answer.person.name} (${answer.person.id})`);
    return EXIT.OK;
  },
};

export const search: Command = {
  name: 'search',
  summary: '按姓名查找干部和案件 / find persons and cases by name',
  options: {},
  positionals: [{ name: 'name' }],
  help: `<姓名>
  例 / e.g.  secondment search 孙立新`,
  async run(ctx, _args, [q = '']) {
    const r = await authedClient(ctx).get<Search>('/api/search', { q });
    ctx.out.result(r, () =>
      [
        '干部 / Persons',
        r.persons.length === 0
          ? '（无 / none）'
          : r.persons
              .map((p) => `${p.id}  ${p.name}  ${p.currentUnitName?.zh ?? ''} ${p.currentPost ?? ''}`)
              .join('\n'),
        '\n案件 / Cases',
        r.cases.length === 0
          ? '（无 / none）'
          : r.cases
              .map((c) => `${c.caseId}  ${c.cadreName}  ${c.year}  ${c.status}  → ${c.receivingUnitName.zh}`)
              .join('\n'),
      ].join('\n'),
    );
    return EXIT.OK;
  },
};
