import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  EncryptionCodec,
  generateKeyringFile,
  isEncrypted,
  loadKeyring,
  parseKeyring,
  rotate,
  startCodecServer,
  type KeyringFile,
} from '../../../codec';

const secret = { cadre: '张晓明', birthDate: '1988-03-14', note: '身份证号 110101198803140011' };
const ring = (file: KeyringFile) => parseKeyring(JSON.stringify(file), 'test');
const asText = (p: Payload) => Buffer.from(p.data ?? []).toString('latin1');

describe('payload codec (AES-256-GCM)', () => {
  const file = generateKeyringFile('k1');
  const codec = new EncryptionCodec(ring(file));
  const plain = defaultPayloadConverter.toPayload(secret);

  it('encrypts so that no personal text is readable, and decrypts back to the same value', async () => {
    const [encoded] = await codec.encode([plain]);
    expect(encoded && isEncrypted(encoded)).toBe(true);
    const raw = asText(encoded!);
    for (const needle of ['张晓明', '1988-03-14', '110101', 'json/plain'])
      expect(raw).not.toContain(Buffer.from(needle).toString('latin1'));
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(secret);
  });

  it('uses a fresh nonce each time: the same value never gives the same ciphertext', async () => {
    const [a, b] = await codec.encode([plain, plain]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('passes payloads written before the codec through unchanged (old histories replay)', async () => {
    const [decoded] = await codec.decode([plain]);
    expect(decoded).toBe(plain);
  });

  it('refuses a tampered payload instead of returning wrong data', async () => {
    const [encoded] = await codec.encode([plain]);
    const data = Buffer.from(encoded!.data!);
    data[20] = (data[20] ?? 0) ^ 0xff;
    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow();
  });

  it('rotates: a new active key encrypts, old payloads still decode; without the old key they cannot', async () => {
    const [old] = await codec.encode([plain]);
    const rotated = rotate(file, 'k2');
    const codec2 = new EncryptionCodec(ring(rotated));
    const [fresh] = await codec2.encode([plain]);
    expect(Buffer.from(fresh!.metadata!['encryption-key-id']!).toString()).toBe('k2');
    expect(defaultPayloadConverter.fromPayload((await codec2.decode([old!]))[0]!)).toEqual(secret);
    const onlyNew = new EncryptionCodec(ring({ active: 'k2', keys: { k2: rotated.keys.k2! } }));
    await expect(onlyNew.decode([old!])).rejects.toThrow(/k1/);
  });

  it('names what is wrong with a bad keyring', () => {
    expect(() => parseKeyring('{"active":"x","keys":{"x":"c2hvcnQ="}}', 'env')).toThrow(
      /keys\.x: key: 32 bytes/,
    );
    expect(() => parseKeyring('{"active":"y","keys":{}}', 'env')).toThrow(/active: must name one of keys/);
    expect(() => parseKeyring('nope', 'env')).toThrow(/not valid JSON/);
  });

  it('generates a keyring in the data folder on first start, owner-readable only, and reuses it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'codec-'));
    const first = await loadKeyring({}, { dataDir: dir });
    const second = await loadKeyring({}, { dataDir: dir });
    expect(second.activeKeyId).toBe(first.activeKeyId);
    expect(second.keys.get(second.activeKeyId)?.equals(first.keys.get(first.activeKeyId)!)).toBe(true);
    const mode = (await stat(path.join(dir, 'codec-keys.json'))).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(JSON.parse(await readFile(path.join(dir, 'codec-keys.json'), 'utf8'))).toHaveProperty('active');
  });

  it('refuses to run without keys outside the embedded default', async () => {
    await expect(loadKeyring({})).rejects.toThrow(/SECONDMENT_CODEC_KEYS/);
    await expect(loadKeyring({ SECONDMENT_CODEC_KEY_FILE: '/nonexistent/keys.json' })).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe('remote codec endpoint (for the Temporal UI)', () => {
  const codec = new EncryptionCodec(ring(generateKeyringFile('k1')));
  const ui = 'http://127.0.0.1:8233';
  let server: Awaited<ReturnType<typeof startCodecServer>>;
  beforeAll(async () => {
    server = await startCodecServer({ codec, host: '127.0.0.1', port: 0, allowedOrigins: [ui] });
  });
  afterAll(() => server.close());

  const post = (route: string, body: unknown, origin = ui) =>
    fetch(`${server.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-namespace': 'default' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('decodes what the codec encoded, in the JSON form the UI sends', async () => {
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload(secret)]);
    const json = {
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(enc!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: Buffer.from(enc!.data!).toString('base64'),
        },
      ],
    };
    const res = await post('/decode', json);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ui);
    const body = (await res.json()) as { payloads: { data: string }[] };
    expect(JSON.parse(Buffer.from(body.payloads[0]!.data, 'base64').toString('utf8'))).toEqual(secret);
  });

  it('gives other origins no CORS grant, and answers bad bodies with 400', async () => {
    const res = await post('/decode', { payloads: [] }, 'http://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await post('/decode', 'not json')).status).toBe(400);
    expect((await post('/decode', { payloads: 'x' })).status).toBe(400);
    expect((await post('/other', {})).status).toBe(404);
  });
});
