// Property: every value the text and range schemas accept can be stored — as text, inside jsonb (how
// payloads and snapshots are kept), as a date, a timestamptz or an integer year — and reads back
// equal, on PGlite and on PostgreSQL. And what they refuse for storability is what the database
// would refuse (or silently mangle), so the refusal is neither too narrow nor too broad.
import fc from 'fast-check';
import type { Db } from '../../../db';
import {
  dateBetween,
  domainYear,
  identifier,
  instantBetween,
  isStorable,
  storableText,
} from '../../../machines/common/text';
import { eventPayloadSchemas } from '../../../machines/secondment';
import { adapters, dropTestSchemas, OPEN_TIMEOUT } from './support';

afterAll(dropTestSchemas);

const RUNS = 300;
const text = storableText(0, 5000);
const id = identifier(128);
// Full code-unit strings (lone surrogates included) with NULs and composable accents mixed in.
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\ud800', '\udc00', 'e', '\u0301', '한', ' ', '\t', '😀'),
    maxLength: 12,
  }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

describe.each(adapters)('可入库文本 storable text on $name', (adapter) => {
  let db: Db;

  beforeAll(async () => {
    db = await adapter.open();
    await db.exec('CREATE TABLE storable_probe (t text, j jsonb, d date, i timestamptz, y int)');
  }, OPEN_TIMEOUT);
  afterAll(() => db?.close());

  async function roundTrip(value: string): Promise<{ t: string; j: { v: string } }> {
    const rows = await db.query<{ t: string; j: { v: string } }>(
      'INSERT INTO storable_probe (t, j) VALUES ($1, $2::jsonb) RETURNING t, j',
      [value, JSON.stringify({ v: value })],
    );
    return rows[0]!;
  }

  test('every string storableText or identifier accepts is stored as text and in jsonb unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(anyString, async (raw) => {
        for (const schema of [text, id]) {
          const parsed = schema.safeParse(raw);
          if (!parsed.success) continue;
          const back = await roundTrip(parsed.data);
          expect(back.t).toBe(parsed.data);
          expect(back.j.v).toBe(parsed.data);
          expect(parsed.data).toBe(parsed.data.normalize('NFC'));
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('what is refused as unstorable, the database refuses or would alter', async () => {
    await fc.assert(
      fc.asyncProperty(anyString, async (raw) => {
        if (isStorable(raw)) return;
        const refusal = text.safeParse(raw);
        expect(refusal.success).toBe(false);
        expect(refusal.error?.issues[0]?.message).toMatch(/NUL|surrogate/);
        // Either PostgreSQL refuses it, or what it stores is not what was sent.
        const stored = await roundTrip(raw).then(
          (r) => r.t === raw && r.j.v === raw,
          () => false,
        );
        expect(stored).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  test('accepted dates, instants and years are held by date, timestamptz and int columns', async () => {
    const date = dateBetween(1900, 2100);
    const instant = instantBetween(2000, 2100);
    await fc.assert(
      fc.asyncProperty(
        fc.date({ min: new Date(-4e14), max: new Date(8e12), noInvalidDate: true }),
        fc.integer({ min: -1e12, max: 1e12 }),
        async (when, year) => {
          const iso = when.toISOString();
          const day = iso.slice(0, 10);
          const d = date.safeParse(day);
          const i = instant.safeParse(iso);
          const y = domainYear.safeParse(year);
          if (!d.success && !i.success && !y.success) return;
          const rows = await db.query<{ d: string | null; i: string | null; y: number | null }>(
            "INSERT INTO storable_probe (d, i, y) VALUES ($1::date, $2::timestamptz, $3::int) RETURNING to_char(d, 'YYYY-MM-DD') AS d, i::text AS i, y",
            [d.success ? d.data : null, i.success ? i.data : null, y.success ? y.data : null],
          );
          if (d.success) expect(rows[0]?.d).toBe(day);
          if (i.success) expect(rows[0]?.i).not.toBeNull();
          if (y.success) expect(rows[0]?.y).toBe(year);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('a whole event payload the machine accepts is stored in jsonb: NUL in a hold reason is refused naming the field', async () => {
    const hold = eventPayloadSchemas['admin.case.hold'];
    const bad = hold.safeParse({ reason: '暂停\u0000原因' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['reason']);
    const title = eventPayloadSchemas['posting.post.arrange'].safeParse({
      title: 'x\ud800',
      level: 'section',
      elected: false,
    });
    expect(title.success).toBe(false);
    expect(title.error?.issues[0]?.path).toEqual(['title']);

    await fc.assert(
      fc.asyncProperty(anyString, async (reason) => {
        const parsed = hold.safeParse({ reason });
        if (!parsed.success) return;
        const rows = await db.query<{ j: { reason: string } }>(
          'INSERT INTO storable_probe (j) VALUES ($1::jsonb) RETURNING j',
          [JSON.stringify(parsed.data)],
        );
        expect(rows[0]?.j.reason).toBe(parsed.data.reason);
      }),
      { numRuns: RUNS },
    );
  });
});
