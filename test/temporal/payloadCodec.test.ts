import { defaultPayloadConverter } from '@temporalio/common';
import { startCodecServer, isEncrypted } from '../../codec';
import { eventUpdate } from '../../workflows/secondment/definitions';
import { testCodec } from '../harness/codec';
import { connectToSharedDevServer, type DevServerClients } from '../harness/environments';
import { actor, P } from '../machines/v2/support/fixtures';
import { nomineeAt } from './support/nominee';
import { historyBytes, payloadsOf, rawHistory } from './support/rawHistory';
import { createSecondmentWorld, type SecondmentWorld } from './support/secondmentWorld';

// On the dev server: with the payload codec on client and worker, the history the server holds has
// no readable personal data or free text; the operator's codec endpoint turns it back into data.
describe('payload codec: histories are ciphertext', () => {
  let dev: DevServerClients;
  let world: SecondmentWorld;
  beforeAll(async () => {
    dev = await connectToSharedDevServer();
    world = await createSecondmentWorld(dev.nativeConnection, dev.client, dev.namespace);
  });
  afterAll(async () => {
    await world?.close();
    await dev?.close();
  });

  // the registry's person id: no personal data, but a key to it, so it too stays ciphertext
  const PERSON = 'p5ec7e7c0dec0dec0dec0';
  const NAME = '甄秘文';
  const BIRTH = '1991-07-19';
  const FREE_TEXT = '传帮带联系人王守密';

  it('leaves no name, birth date, person id or free text in plaintext anywhere in the history', async () => {
    const caseId = `c-codec-${Date.now()}`;
    // a caller that sends the name and birth date anyway: v2's nomination keeps rule facts only
    const nominee = nomineeAt(Date.now(), { cadre: { id: PERSON } });
    const withPersonalData = { ...nominee.cadre, displayName: NAME, birthDate: BIRTH };
    await world.cases.nominate({ ...nominee, cadre: withPersonalData, caseId });
    const handle = world.cases.handle(caseId);
    await handle.executeUpdate(eventUpdate('approval.approve'), {
      args: [{ ...P.approve, actor: actor('org_admin'), at: new Date().toISOString() }],
    });
    await handle.executeUpdate(eventUpdate('posting.mentor.name'), {
      args: [
        {
          mentorName: FREE_TEXT,
          mentorTitle: '镇党委副书记',
          actor: actor('receiving_officer'),
          at: new Date().toISOString(),
        },
      ],
    });

    const history = await rawHistory(dev, handle.workflowId);
    const bytes = historyBytes(history);
    for (const secret of [NAME, BIRTH, PERSON, FREE_TEXT, '镇党委副书记'])
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);

    // Every payload of the history is encrypted with the test key …
    const payloads = payloadsOf(history.events);
    expect(payloads.length).toBeGreaterThan(5);
    expect(payloads.filter((p) => !isEncrypted(p))).toEqual([]);
    // … and decrypts to the very data that went in, so the scan above can fail.
    const decoded = (await testCodec.decode(payloads)).map((p) =>
      JSON.stringify(defaultPayloadConverter.fromPayload(p)),
    );
    expect(decoded.some((d) => d.includes(PERSON))).toBe(true);
    expect(decoded.some((d) => d.includes(FREE_TEXT))).toBe(true);
    // the name and birth date never reached Temporal at all, not even encrypted
    expect(decoded.some((d) => d.includes(NAME) || d.includes(BIRTH))).toBe(false);
    expect(decoded.some((d) => d.includes(caseId) && d.includes('"age"'))).toBe(true);
  });

  it("decrypts a real history's payloads through the operator's codec endpoint", async () => {
    const caseId = `c-codec-ui-${Date.now()}`;
    await world.cases.nominate({ ...nomineeAt(Date.now()), caseId });
    const history = await rawHistory(dev, world.cases.handle(caseId).workflowId);
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(started && isEncrypted(started)).toBe(true);
    const server = await startCodecServer({
      codec: testCodec,
      host: '127.0.0.1',
      port: 0,
      allowedOrigins: ['http://127.0.0.1:8233'],
    });
    try {
      const res = await fetch(`${server.url}/decode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-namespace': dev.namespace },
        body: JSON.stringify({
          payloads: [
            {
              metadata: Object.fromEntries(
                Object.entries(started!.metadata ?? {}).map(([k, v]) => [
                  k,
                  Buffer.from(v).toString('base64'),
                ]),
              ),
              data: Buffer.from(started!.data!).toString('base64'),
            },
          ],
        }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { payloads: { data: string }[] };
      expect(Buffer.from(body.payloads[0]!.data, 'base64').toString('utf8')).toContain(caseId);
    } finally {
      await server.close();
    }
  });
});
