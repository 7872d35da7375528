import { createHash } from 'node:crypto';
import { seedDemoRound } from '../../../stack/demo/round';
import type { EventType, SecondmentContext } from '../../../machines/secondment';
import { stepFor } from '../../../stack/demo/driver';
import { getCaseState, listRoundCases } from '../../../store';
import { docxText, pdfFonts, pdfText, squash } from '../../unit/documents/readBack';
import {
  call,
  createApiWorld,
  login,
  waitForProjection,
  type ApiWorld,
  type Session,
} from './support/apiWorld';
import { A_UNITS, nominationBody } from './support/cases';
import type { Res } from './support/http';

/**
 * Every document kind generated from real cases on the dev server and read back. A case on the demo
 * policy's fast clock (a term month is 10 s) whose parties do each duty as soon as it is open (the
 * demo's own parties' steps) runs to its year-end annual assessment and its final grade; each form
 * as DOCX (mammoth) and PDF (pdftotext): the case's person, units and results in it as real Chinese
 * text; a form not ready yet refused with what is missing; every download recorded in the case's
 * trail with its SHA-256; another county's department gets 404. Then the demo round (seed 001's
 * city round) launched through the API gives the round's list, recorded in the round's own trail.
 */
jest.setTimeout(600_000);

let api: ApiWorld;
let admin: Session;
let caseId = '';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const errorOf = (res: Res) =>
  (
    res.json() as {
      error: { code: string; field?: string; missing?: { field: string; zh: string; en: string }[] };
    }
  ).error;

beforeAll(async () => {
  api = await createApiWorld();
  admin = await login(api.http, 'admin');
  const sender = await login(api.http, 'sender');
  const res = await call(api.http, sender, 'POST', '/api/cases', {
    ...nominationBody(A_UNITS),
    policy: 'demo',
  });
  expect(res.statusCode).toBe(201);
  caseId = (res.json() as { case: { caseId: string } }).case.caseId;
  await waitForProjection(api, caseId);
});

afterAll(async () => {
  await api?.close();
});

/** The case's parties, each doing their open duty at once (the demo parties' steps), until `done`. */
async function playUntil(
  done: (c: SecondmentContext) => boolean,
  seconds: number,
): Promise<SecondmentContext> {
  const cases = api.world.casesReadFromDb;
  const facts = {
    caseId,
    personId: A_UNITS.cadre,
    post: { title: '副镇长', level: 'deputy_section', elected: true },
  };
  for (let i = 0; i < seconds; i++) {
    const state = await getCaseState(api.world.db, caseId);
    const ctx = state?.snapshot.version === 2 ? state.snapshot.snapshot.context : null;
    if (ctx && done(ctx)) return ctx;
    const view = await cases.status(caseId);
    for (const duty of view.openDuties) {
      if (duty.paused) continue;
      const step =
        duty.kind === 'approval.decide' ? { type: 'approval.approve', payload: {} } : stepFor(duty, facts, 1);
      if (!step || !ctx) continue;
      const role = duty.owner.role;
      const actor = {
        id: role === 'cadre' ? A_UNITS.cadre : `demo-${role}`,
        role,
        unit:
          role === 'org_admin'
            ? ctx.orgUnit
            : role === 'united_front'
              ? ctx.unitedFrontUnit
              : duty.owner.unit,
      };
      await cases.send(caseId, step.type as EventType, { ...step.payload, actor }).catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`case ${caseId} did not get there in ${seconds} s: ${(await cases.status(caseId)).status}`);
}

test('a form the case is not ready for is refused with what is missing; another county’s department gets 404', async () => {
  const res = await call(api.http, admin, 'GET', `/api/cases/${caseId}/documents/appraisalForm.pdf`);
  expect(res.statusCode).toBe(409);
  const error = errorOf(res);
  expect(error.code).toBe('DOCUMENT_INCOMPLETE');
  const fields = (error.missing ?? []).map((m) => m.field);
  expect(fields).toEqual(expect.arrayContaining(['case.post', 'appraisal', 'inspection', 'result']));
  for (const m of error.missing ?? []) expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
  // the list says the same before anyone asks
  const list = (await call(api.http, admin, 'GET', `/api/cases/${caseId}/documents`)).json() as {
    kinds: { kind: string; ready: boolean; missing: { field: string }[] }[];
    records: unknown[];
  };
  const appraisal = list.kinds.find((k) => k.kind === 'appraisalForm');
  expect(appraisal?.ready).toBe(false);
  expect(appraisal?.missing.map((m) => m.field)).toEqual(expect.arrayContaining(['result']));
  // a refusal is not a generation
  expect(list.records).toEqual([]);

  const county = await login(api.http, 'county-admin');
  for (const url of [
    `/api/cases/${caseId}/documents/appointmentApproval.pdf`,
    `/api/cases/${caseId}/documents`,
  ]) {
    const r = await call(api.http, county, 'GET', url);
    expect([r.statusCode, errorOf(r).code]).toEqual([404, 'NOT_FOUND']);
  }
  // a kind that does not exist names the path parameter
  const bad = await call(api.http, admin, 'GET', `/api/cases/${caseId}/documents/payslip.pdf`);
  expect([bad.statusCode, errorOf(bad).code, errorOf(bad).field]).toEqual([
    400,
    'INVALID_INPUT',
    'params.file',
  ]);
});

test('every kind of a case that served its term, as DOCX and PDF, read back, recorded with its digest', async () => {
  const ctx = await playUntil((c) => c.final.result !== null && c.annualAssessments.length > 0, 420);
  const detail = (await call(api.http, admin, 'GET', `/api/cases/${caseId}`)).json() as {
    cadre: { name: string };
    units: Record<string, { zh: string }>;
  };
  const name = detail.cadre.name;
  const receiving = detail.units[ctx.receivingUnit]!.zh;
  const sending = detail.units[ctx.sendingUnit]!.zh;
  const year = ctx.annualAssessments[0]!.year;

  const expected: Record<string, string[]> = {
    appointmentApproval: ['干部任免审批表', name, ctx.posting.post!.title, sending],
    introductionLetter: ['介绍信', name, receiving, ctx.posting.introductionLetter!],
    appraisalForm: ['挂职干部鉴定表', name, '政治坚定', '群众认可度高', '一年挂职工作总结'],
    // the sending unit's record of the months before the term, or — a year served whole — the form says none was owed
    annualAssessmentForm: [
      '年度考核登记表',
      name,
      String(year),
      '工作认真',
      ctx.priorRecords.some((r) => r.year === year) ? '上半年表现良好' : '无须提供挂职前表现情况',
    ],
  };
  const digests: string[] = [];
  for (const [kind, words] of Object.entries(expected)) {
    for (const format of ['docx', 'pdf'] as const) {
      const res = await call(api.http, admin, 'GET', `/api/cases/${caseId}/documents/${kind}.${format}`);
      expect([kind, format, res.statusCode]).toEqual([kind, format, 200]);
      expect(res.headers['content-type']).toContain(
        format === 'pdf' ? 'application/pdf' : 'wordprocessingml',
      );
      // RFC 5987: the Chinese file name, percent-encoded UTF-8, beside an ASCII fallback
      const disposition = String(res.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      const encoded = disposition.split("filename*=UTF-8''")[1]!;
      expect(decodeURIComponent(encoded)).toContain(`${caseId}.${format}`);
      expect(decodeURIComponent(encoded)).toMatch(/[\u4e00-\u9fff]/);
      const text = squash(format === 'pdf' ? pdfText(res.raw) : await docxText(res.raw));
      for (const w of words) expect([kind, format, text.includes(squash(w))]).toEqual([kind, format, true]);
      if (format === 'pdf') expect(pdfFonts(res.raw)).toMatch(/NotoSerifSC/);
      expect(res.headers['x-document-sha256']).toBe(sha(res.raw));
      digests.push(sha(res.raw));
    }
  }

  // the case's trail: one entry per download, who and which form, with the digest of what was sent
  const listed = (await call(api.http, admin, 'GET', `/api/cases/${caseId}/documents`)).json() as {
    kinds: { kind: string; ready: boolean }[];
    records: {
      seq: number;
      kind: string;
      format: string;
      sha256: string;
      actorId: string;
      anchorSeq: number;
    }[];
  };
  expect(listed.kinds.every((k) => k.ready)).toBe(true);
  expect(listed.records.map((r) => r.sha256)).toEqual(digests);
  expect(listed.records.map((r) => `${r.kind}.${r.format}`)).toEqual(
    Object.keys(expected).flatMap((k) => [`${k}.docx`, `${k}.pdf`]),
  );
  expect(new Set(listed.records.map((r) => r.actorId))).toEqual(new Set(['admin']));
  expect(listed.records.every((r) => r.anchorSeq >= 1)).toBe(true);
  const verify = (await call(api.http, admin, 'GET', `/api/audit/verify?caseId=${caseId}`)).json() as {
    ok: boolean;
  };
  expect(verify.ok).toBe(true);
  // the case detail carries the generation entries in its trail
  const withTrail = (await call(api.http, admin, 'GET', `/api/cases/${caseId}`)).json() as {
    documentTrail: { sha256: string }[];
  };
  expect(withTrail.documentTrail.map((r) => r.sha256)).toEqual(digests);

  // the person's page offers the same forms: the newest case of theirs
  const personId = A_UNITS.cadre;
  const viaPerson = await call(
    api.http,
    admin,
    'GET',
    `/api/persons/${personId}/documents/appraisalForm.pdf`,
  );
  expect(viaPerson.statusCode).toBe(200);
  expect(squash(pdfText(viaPerson.raw))).toContain(squash(name));

  // a year the case was not assessed in: refused, naming the assessment
  const other = await call(
    api.http,
    admin,
    'GET',
    `/api/cases/${caseId}/documents/annualAssessmentForm.pdf?year=${year - 5}`,
  );
  expect([other.statusCode, errorOf(other).code]).toEqual([409, 'DOCUMENT_INCOMPLETE']);
  expect(errorOf(other).missing?.map((m) => m.field)).toContain('assessment');
});

test('the round’s list as DOCX and PDF names its cadres, recorded in the round’s own trail; an officer is refused', async () => {
  // Two years back: the shared dev server may run this year's and last year's demo round (other
  // suites), and a round's and its cases' workflow ids follow from the round id.
  const roundId =
    (await seedDemoRound(api.http.baseUrl, () => undefined, new Date().getUTCFullYear() - 2)) ?? '';
  // the launch runs in the round's workflow: wait until it says it finished
  for (let i = 0; i < 300; i++) {
    const p = (await call(api.http, admin, 'GET', `/api/rounds/${roundId}/launch`)).json() as {
      finishedAt: string | null;
      total: number;
    };
    if (p.finishedAt !== null && p.total > 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const cases = await listRoundCases(api.world.db, roundId);
  expect(cases.length).toBe(27);
  const names = cases.slice(0, 5).map((c) => c.name);
  const digests: string[] = [];
  for (const format of ['docx', 'pdf'] as const) {
    const res = await call(api.http, admin, 'GET', `/api/rounds/${roundId}/documents/roundList.${format}`);
    expect(res.statusCode).toBe(200);
    const text = squash(format === 'pdf' ? pdfText(res.raw) : await docxText(res.raw));
    expect(text).toContain('选派名单');
    for (const n of names) expect(text).toContain(squash(n));
    digests.push(sha(res.raw));
  }
  const trail = (await call(api.http, admin, 'GET', `/api/rounds/${roundId}/documents`)).json() as {
    records: { kind: string; sha256: string }[];
  };
  expect(trail.records.map((r) => r.sha256)).toEqual(digests);
  const sender = await login(api.http, 'sender');
  const refused = await call(api.http, sender, 'GET', `/api/rounds/${roundId}/documents/roundList.pdf`);
  expect([403, 404]).toContain(refused.statusCode);
  const county = await login(api.http, 'county-admin');
  const hidden = await call(api.http, county, 'GET', `/api/rounds/${roundId}/documents/roundList.pdf`);
  expect(hidden.statusCode).toBe(404);
});
