// The demo round: the seed-001-like city round run through the very API a department uses (as the
// demo org admin, who may enter paper applications and recommendations for units), on the demo
// policy's fast clock — invitations, applications (some ask for two and get one, two units that did
// not apply get one, one that applied gets none), recommendations from the pool, the decision board,
// a rejection and a withdrawal, the decision and the launch. Idempotent: a second start finds the
// round and does nothing.
import type { Kind, Rank } from '../../machines/secondment';
import { DEMO_PERSONS } from './persons';
import { DEMO_PASSWORD } from './users';

export const demoRoundId = (year: number): string => `demo${year}`;

/** Receiving units and what they ask for: units absent here did not apply (they get one anyway). */
const APPLICATIONS: Record<string, { count: number; title: string; level: Rank; elected: boolean }> = {
  'city.party-office': { count: 2, title: '综合科副科长（挂职）', level: 'deputy_section', elected: false },
  'city.dev-reform': { count: 2, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.finance': { count: 2, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.policy-research': {
    count: 1,
    title: '研究科副科长（挂职）',
    level: 'deputy_section',
    elected: false,
  },
  'city.rural-office': { count: 1, title: '综合科副科长（挂职）', level: 'deputy_section', elected: false },
  'city.agriculture': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.education': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.land': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.discipline': { count: 1, title: '监督检查室副主任（挂职）', level: 'deputy_section', elected: false },
  'city.cppcc': { count: 1, title: '文史科副科长（挂职）', level: 'deputy_section', elected: false },
  'city.commerce': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.hr': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.health': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.justice': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.civil-affairs': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.science': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.transport': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.housing': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'city.petition': { count: 1, title: '科室副科长（挂职）', level: 'deputy_section', elected: false },
  'county.a.town-b': { count: 1, title: '副镇长', level: 'deputy_section', elected: true },
  'county.c.town-d': { count: 1, title: '副镇长', level: 'deputy_section', elected: true },
  'county.e.town-n': { count: 1, title: '副镇长', level: 'deputy_section', elected: true },
  'county.f.town-p': { count: 1, title: '副镇长', level: 'deputy_section', elected: true },
  'county.c.town-k': { count: 1, title: '副乡长', level: 'deputy_section', elected: true },
  'county.a.town-h': { count: 1, title: '副镇长', level: 'deputy_section', elected: true },
};

/** The demo admin's session against the listening API (the very routes a department uses). */
class AdminSession {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async open(baseUrl: string): Promise<AdminSession | null> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) return null;
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return new AdminSession(baseUrl, cookie, csrf);
  }

  async call<T>(
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(this.baseUrl + url, {
      method,
      headers: {
        cookie: this.cookie,
        ...(method === 'POST' ? { 'x-csrf-token': this.csrf, 'content-type': 'application/json' } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify(payload ?? {}) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async ok<T>(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> {
    const res = await this.call<T>(method, url, payload);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/**
 * Seeds and launches the demo round unless it exists; returns its id, or null when the demo admin
 * cannot log in (someone changed the demo users).
 */
export async function seedDemoRound(
  apiUrl: string,
  log: (line: string) => void,
  year = new Date().getUTCFullYear(),
): Promise<string | null> {
  const admin = await AdminSession.open(apiUrl);
  if (!admin) {
    log('演示批次：无法以 admin 登录，跳过 / demo round: cannot log in as admin, skipped');
    return null;
  }
  const id = demoRoundId(year);
  if ((await admin.call('GET', `/api/rounds/${id}`)).status === 200) return id;

  const posted = DEMO_PERSONS.filter((p) => p.round !== null);
  const receiving = [
    ...new Set([
      ...Object.keys(APPLICATIONS),
      ...posted.flatMap((p) => (p.round?.assign ? [p.round.assign.unit] : [])),
    ]),
  ];
  const sending = [...new Set(posted.map((p) => p.unit))];
  const in30days = new Date(Date.now() + 30 * 86_400_000).toISOString();
  await admin.ok('POST', '/api/rounds', {
    id,
    year,
    name: `${year}年度干部上挂下派`,
    kinds: ['up', 'down'],
    policy: 'demo',
    term: { start: `${year}-08-01`, end: `${year + 1}-08-01` },
    subsidyPerDay: 2,
    applicationDeadline: in30days,
    recommendationDeadline: in30days,
    maxRecommendationsPerUnit: 2,
    receivingUnits: receiving,
    sendingUnits: sending,
  });
  log(`演示批次 / demo round ${id}: ${receiving.length} 接收单位, ${sending.length} 派出单位`);

  for (const [unit, a] of Object.entries(APPLICATIONS))
    await admin.ok('POST', `/api/rounds/${id}/applications`, {
      unit,
      posts: [{ title: a.title, level: a.level, elected: a.elected, count: a.count }],
      note: '经单位党组研究申报',
    });

  const recommendation = new Map<string, string>();
  for (const p of posted) {
    const selected = p.categories.includes('selected_graduate');
    const r = await admin.ok<{ recommendation: { id: string } }>(
      'POST',
      `/api/rounds/${id}/recommendations`,
      {
        personId: p.id,
        sendingUnit: p.unit,
        kind: p.round?.kind as Kind,
        source: selected
          ? { type: 'competitive', examScore: 86, interviewScore: 88 }
          : { type: 'organization' },
        note: '经单位党委（党组）会议研究推荐',
      },
    );
    recommendation.set(p.id, r.recommendation.id);
  }

  // 组织确定: the allocations are what the board assigns (one unit that asked gets none)
  const allocation = new Map<string, number>();
  for (const p of posted)
    if (p.round?.assign) allocation.set(p.round.assign.unit, (allocation.get(p.round.assign.unit) ?? 0) + 1);
  allocation.set('city.petition', 0);
  for (const [unit, quota] of allocation)
    await admin.ok('POST', `/api/rounds/${id}/allocations`, { receivingUnit: unit, quota });
  for (const p of posted) {
    const rec = recommendation.get(p.id) ?? '';
    const round = p.round;
    if (round?.assign)
      await admin.ok('POST', `/api/rounds/${id}/assignments`, {
        recommendationId: rec,
        receivingUnit: round.assign.unit,
        post: { title: round.assign.title, level: round.assign.level, elected: round.assign.elected },
      });
    else if (round?.outcome === 'rejected')
      await admin.ok('POST', `/api/rounds/${id}/recommendations/${rec}/reject`, {
        reason: '经部务会研究，本批次未予选派',
      });
    else if (round?.outcome === 'withdrawn')
      await admin.ok('POST', `/api/rounds/${id}/recommendations/${rec}/withdraw`, {
        reason: '因工作需要，单位申请撤回',
      });
  }
  await admin.ok('POST', `/api/rounds/${id}/decide`, {});
  await admin.ok('POST', `/api/rounds/${id}/launch`, {});
  log(
    `演示批次 / demo round ${id}: 已组织确定并启动 / decided and launched (${[...allocation.values()].reduce((n, q) => n + q, 0)} 人)`,
  );

  const next = `${year}-09-20T09:30:00+08:00`;
  await admin.ok('POST', `/api/rounds/${id}/seminars`, {
    title: '挂职干部座谈会',
    heldAt: next,
    place: '市委组织部三楼会议室',
    invitees: {
      persons: posted
        .filter((p) => p.round?.assign)
        .slice(0, 8)
        .map((p) => p.id),
      units: ['city.finance', 'city.dev-reform'],
    },
  });
  return id;
}
