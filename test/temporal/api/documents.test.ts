import { createHash } from 'node:crypto';
import { seedDemoRound } from '../../../stack/demo/round';
import { startDemoParties } from '../../../stack/demo/driver';
import { getCaseState, listRoundCases, type StoredRoundCase } from '../../../store';
import { docxText, pdfFonts, pdfText, squash } from '../../unit/documents/readBack';
import { call, createApiWorld, login, type ApiWorld, type Session } from './support/apiWorld';
import type { Res } from './support/http';

/**
 * Every document kind generated from real cases on the dev server and read back: the demo round
 * (seed 001's city round on the demo policy's fast clock) launched through the API, its parties
 * doing their duties, until one case has its year-end annual assessment and its final grade. Each
 * form as DOCX (mammoth) and PDF (pdftotext): the case's person, units and results in it as real
 * Chinese text; a form not ready yet refused with what is missing; every download recorded in the
 * case's (the round's) trail with its SHA-256; another county's department gets 404.
 */
jest.setTimeout(600_000);

let api: ApiWorld;
let admin: Session;
let roundId = '';
let cases: StoredRoundCase[] = [];
let parties: { stop(): Promise<void> } | undefined;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const errorOf = (res: Res) =>
  (
    res.json() as {
      error: { code: string; field?: string; missing?: { field: string; zh: string; en: string }[] };
    }
  ).error;

beforeAll(async () => {
  api = await createApiWorld();
  // Two years back: the shared dev server may run this year's and last year's demo round (other
  // suites), and a round's and its cases' workflow ids follow from the round id.
  roundId = (await seedDemoRound(api.http.baseUrl, () => undefined, new Date().getUTCFullYear() - 2)) ?? '';
  admin = await login(api.http, 'admin');
  // the launch runs in the round's workflow: wait until it says it finished
  for (let i = 0; i < 300; i++) {
    const p = (await call(api.http, admin, 'GET', `/api/rounds/${roundId}/launch`)).json() as {
      finishedAt: string | null;
      total: number;
    };
    if (p.finishedAt !== null && p.total > 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  cases = await listRoundCases(api.world.db, roundId);
  parties = startDemoParties({ db: api.world.db, cases: api.world.casesReadFromDb, roundId });
});

afterAll(async () => {
  await parties?.stop();
  await api?.close();
});

/** A case of the city (sending and receiving units the city's) whose parties act on time. */
async function cityCase(): Promise<string> {
  for (const [i, c] of cases.entries()) {
    if ((i + 1) % 5 === 0) continue;
    const state = await getCaseState(api.world.db, c.caseId);
    const ctx = state?.snapshot.version === 2 ? state.snapshot.snapshot.context : null;
    if (ctx && ctx.sendingUnit.startsWith('city.') && ctx.receivingUnit.startsWith('city.')) return c.caseId;
  }
  throw new Error('no city case in the demo round');
}

test('a form the case is not ready for is refused with what is missing; another county’s department gets 404', async () => {
  const caseId = await cityCase();
  const res = await call(api.http, admin, 'GET', `/api/cases/${caseId}/documents/appraisalForm.pdf`);
  expect(res.statusCode).toBe(409);
  const error = errorOf(res);
  expect(error.code).toBe('DOCUMENT_INCOMPLETE');
  const fields = (error.missing ?? []).map((m) => m.field);
  expect(fields).toEqual(expect.arrayContaining(['appraisal', 'inspection', 'result']));
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
  // the first case (on time) with its year-end assessment and its final grade
  let ready: string | null = null;
  for (let i = 0; i < 210 && !ready; i++) {
    for (const [n, c] of cases.entries()) {
      if ((n + 1) % 5 === 0) continue;
      const state = await getCaseState(api.world.db, c.caseId);
      const ctx = state?.snapshot.version === 2 ? state.snapshot.snapshot.context : null;
      if (ctx?.final.result && ctx.annualAssessments.length > 0) {
        ready = c.caseId;
        break;
      }
    }
    if (!ready) await new Promise((r) => setTimeout(r, 2000));
  }
  expect(ready).not.toBeNull();
  const caseId = ready!;
  const state = await getCaseState(api.world.db, caseId);
  const ctx = state!.snapshot.version === 2 ? state!.snapshot.snapshot.context : null;
  const detail = (await call(api.http, admin, 'GET', `/api/cases/${caseId}`)).json() as {
    cadre: { name: string };
    units: Record<string, { zh: string }>;
  };
  const name = detail.cadre.name;
  const receiving = detail.units[ctx!.receivingUnit]!.zh;
  const sending = detail.units[ctx!.sendingUnit]!.zh;
  const year = ctx!.annualAssessments[0]!.year;

  const expected: Record<string, string[]> = {
    appointmentApproval: ['干部任免审批表', name, ctx!.posting.post!.title, sending],
    introductionLetter: ['介绍信', name, receiving, ctx!.posting.introductionLetter!],
    appraisalForm: ['挂职干部鉴定表', name, '政治坚定', '群众认可度高', '一年挂职工作总结'],
    annualAssessmentForm: ['年度考核登记表', name, String(year), '工作认真', '上半年表现良好'],
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
  const personId = cases.find((c) => c.caseId === caseId)!.personId;
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
