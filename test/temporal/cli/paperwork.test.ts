import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { P } from '../../machines/v2/support/fixtures';
import { pdfText, squash } from '../../unit/documents/readBack';
import { call, login, waitForProjection } from '../api/support/apiWorld';
import { A_UNITS, nominationBody } from '../api/support/cases';
import { createCliWorld, type CliWorld } from './support/cli';

/** `secondment documents list|get` and `secondment feed create|revoke` against the real API. */
jest.setTimeout(180_000);

let w: CliWorld;
let caseId = '';

beforeAll(async () => {
  w = await createCliWorld();
  for (const user of ['admin', 'receiver']) await w.login(user);
  const sender = await login(w.api.http, 'sender');
  const res = await call(w.api.http, sender, 'POST', '/api/cases', nominationBody(A_UNITS));
  caseId = (res.json() as { case: { caseId: string } }).case.caseId;
  await waitForProjection(w.api, caseId);
});
afterAll(async () => {
  await w?.close();
});

test('documents: refused with what is missing (exit 5), then downloaded once the post is arranged', async () => {
  const listed = await w.as('admin', ['documents', 'list', caseId]);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain('干部任免审批表');
  expect(listed.stdout).toContain('接收单位尚未安排挂职职务');

  const out = join(w.home('admin'), '任免审批表.pdf');
  const refused = await w.as('admin', [
    'documents',
    'get',
    caseId,
    'appointmentApproval',
    '-o',
    out,
    '--json',
  ]);
  expect([refused.code, refused.error().code, refused.error().field]).toEqual([
    5,
    'DOCUMENT_INCOMPLETE',
    'case.post',
  ]);
  expect(existsSync(out)).toBe(false);
  const badKind = await w.as('admin', ['documents', 'get', caseId, 'payslip', '--json']);
  expect([badKind.code, badKind.error().field]).toEqual([2, 'kind']);

  expect((await w.as('admin', ['send', caseId, 'approval.approve', '--data', '{}'])).code).toBe(0);
  const arrange = await w.as('receiver', [
    'send',
    caseId,
    'posting.post.arrange',
    '--data',
    JSON.stringify(P.arrange),
  ]);
  expect(arrange.code).toBe(0);

  const got = await w.as('admin', [
    'documents',
    'get',
    caseId,
    'appointmentApproval',
    '--format',
    'pdf',
    '-o',
    out,
    '--json',
  ]);
  expect(got.code).toBe(0);
  const { sha256, bytes } = got.json<{ sha256: string; bytes: number }>();
  const pdf = readFileSync(out);
  expect(pdf.length).toBe(bytes);
  const text = squash(pdfText(pdf));
  expect(text).toContain('干部任免审批表');
  expect(text).toContain('冯雅琴');
  expect(text).toContain(P.arrange.title);
  const after = await w.as('admin', ['documents', 'list', caseId, '--json']);
  expect(after.json<{ records: { sha256: string; actorId: string }[] }>().records).toEqual([
    expect.objectContaining({ sha256, actorId: 'admin' }),
  ]);
});

test('feed: create gives a URL a calendar client can read; revoke makes it 404', async () => {
  const made = await w.as('receiver', ['feed', 'create', '--json']);
  expect(made.code).toBe(0);
  const { url } = made.json<{ url: string }>();
  expect(url).toMatch(/\/api\/feeds\/[A-Za-z0-9_-]+\.ics$/);
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('BEGIN:VCALENDAR');
  const revoked = await w.as('receiver', ['feed', 'revoke', '--json']);
  expect(revoked.json()).toEqual({ revoked: 1 });
  expect((await fetch(url)).status).toBe(404);
  const refused = await w.as('receiver', ['feed', 'create', '--purpose', 'overdue', '--json']);
  expect([refused.code, refused.error().code]).toEqual([3, 'FORBIDDEN']);
});
