import nodemailer from 'nodemailer';
import {
  LocalMailboxTransport,
  messageIdFor,
  SmtpTransport,
  type MailTransport,
  type OutgoingMail,
} from '../../../notify';
import { requeueDeadLetter, upsertDirectoryEntry } from '../../../store';
import type { Db, Queryable } from '../../../db';
import { adapters, count, dropTestSchemas, newCaseId, OPEN_TIMEOUT, transition, workerSide } from './support';

afterAll(dropTestSchemas);

/** The local mailbox, counting how often it was asked to send. */
class CountingMailbox extends LocalMailboxTransport {
  calls: string[] = [];
  override async send(mail: OutgoingMail, tx: Queryable, now: Date): Promise<void> {
    this.calls.push(mail.notificationId);
    // Give a concurrent deliverer time to try the same row.
    await new Promise((resolve) => setTimeout(resolve, 2));
    await super.send(mail, tx, now);
  }
}

class FailingTransport implements MailTransport {
  readonly name = 'failing';
  calls = 0;
  send(): Promise<void> {
    this.calls++;
    return Promise.reject(new Error('SMTP 421 service not available'));
  }
}

describe.each(adapters)('通知投递 notification delivery on $name', (adapter) => {
  let db: Db;
  let clock: Date;
  const now = () => clock;

  beforeAll(async () => {
    db = await adapter.open();
  }, OPEN_TIMEOUT);
  afterAll(() => db?.close());
  beforeEach(async () => {
    clock = new Date('2025-03-01T00:00:00Z');
    // Only the append-only audit table is kept; the outbox, mailbox and directory start empty.
    await db.exec('DELETE FROM mailbox; DELETE FROM notifications; DELETE FROM directory;');
  });

  const activitiesWith = (transport: MailTransport, delivery = {}) =>
    workerSide({ db, transport, now, delivery });

  async function caseWithNotifications(transitions = 1): Promise<string> {
    const caseId = newCaseId();
    const apply = activitiesWith(new LocalMailboxTransport()).applyTransition;
    for (let seq = 1; seq <= transitions; seq++) await apply(transition(caseId, seq));
    return caseId;
  }

  test('each notification lands in the mailbox once, however often delivery runs', async () => {
    const caseId = await caseWithNotifications(2);
    const activities = activitiesWith(new LocalMailboxTransport());
    await expect(activities.deliverNotifications({ limit: 10 })).resolves.toEqual({
      sent: 4,
      retried: 0,
      dead: 0,
    });
    await expect(activities.deliverNotifications({ limit: 10 })).resolves.toEqual({
      sent: 0,
      retried: 0,
      dead: 0,
    });
    const mailbox = await activities.getMailbox();
    expect(mailbox.map((m) => m.notificationId).sort()).toEqual(
      [`${caseId}:1:0`, `${caseId}:1:1`, `${caseId}:2:0`, `${caseId}:2:1`].sort(),
    );
    const outbox = await activities.listNotifications(caseId);
    expect(
      outbox.every((n) => n.status === 'sent' && n.attempts === 1 && n.sentAt === clock.toISOString()),
    ).toBe(true);
  });

  test('the limit bounds one run; the next run continues', async () => {
    await caseWithNotifications(3);
    const activities = activitiesWith(new LocalMailboxTransport());
    await expect(activities.deliverNotifications({ limit: 4 })).resolves.toMatchObject({ sent: 4 });
    await expect(activities.deliverNotifications({ limit: 4 })).resolves.toMatchObject({ sent: 2 });
    expect(await count(db, 'mailbox')).toBe(6);
  });

  test('concurrent delivery runs send every notification exactly once', async () => {
    for (let i = 0; i < 5; i++) await caseWithNotifications(2);
    const transport = new CountingMailbox();
    const activities = activitiesWith(transport);
    const reports = await Promise.all([1, 2, 3].map(() => activities.deliverNotifications({ limit: 100 })));
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(20);
    expect(transport.calls.length).toBe(20);
    expect(new Set(transport.calls).size).toBe(20);
    expect(await count(db, 'mailbox')).toBe(20);
    expect(await count(db, `notifications WHERE status <> 'sent'`)).toBe(0);
  });

  test('a failing transport retries with growing back-off, then dead-letters for admins', async () => {
    const caseId = newCaseId();
    const single = transition(caseId, 1);
    single.notifications = [
      { recipients: [{ role: 'orgDept', unit: 'ORG' }], template: 'case.stuck', vars: {} },
    ];
    await activitiesWith(new LocalMailboxTransport()).applyTransition(single);
    const failing = new FailingTransport();
    const activities = activitiesWith(failing, { maxAttempts: 3, baseDelayMs: 60_000 });
    const id = `${caseId}:1:0`;

    await expect(activities.deliverNotifications()).resolves.toEqual({ sent: 0, retried: 1, dead: 0 });
    let [row] = await activities.listNotifications(caseId);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'SMTP 421 service not available',
    });
    expect(row?.nextAttemptAt).toBe('2025-03-01T00:01:00.000Z');

    // Not due yet: nothing is attempted.
    await expect(activities.deliverNotifications()).resolves.toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(failing.calls).toBe(1);

    clock = new Date('2025-03-01T00:01:00Z');
    await activities.deliverNotifications();
    [row] = await activities.listNotifications(caseId);
    expect(row).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: '2025-03-01T00:03:00.000Z' });

    clock = new Date('2025-03-01T00:03:00Z');
    await expect(activities.deliverNotifications()).resolves.toEqual({ sent: 0, retried: 0, dead: 1 });
    const deadLetters = await activities.listDeadLetters();
    expect(deadLetters.map((d) => [d.id, d.status, d.attempts])).toEqual([[id, 'dead', 3]]);
    expect(deadLetters[0]?.lastError).toContain('421');
    clock = new Date('2025-03-02T00:00:00Z');
    await expect(activities.deliverNotifications()).resolves.toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(await count(db, 'mailbox')).toBe(0);

    // An admin fixes the cause and requeues it.
    expect(await requeueDeadLetter(db, id)).toBe(true);
    await expect(activitiesWith(new LocalMailboxTransport()).deliverNotifications()).resolves.toMatchObject({
      sent: 1,
    });
    expect(await activities.listDeadLetters()).toEqual([]);
    expect(await count(db, 'mailbox WHERE notification_id = $1', [id])).toBe(1);
  });

  test('a transport that fails half-way leaves no partial mailbox row behind', async () => {
    await caseWithNotifications(1);
    const halfway: MailTransport = {
      name: 'halfway',
      async send(mail, tx, at) {
        await new LocalMailboxTransport().send(mail, tx, at);
        throw new Error('connection reset after write');
      },
    };
    await expect(activitiesWith(halfway).deliverNotifications()).resolves.toMatchObject({ retried: 2 });
    expect(await count(db, 'mailbox')).toBe(0);
    expect(await count(db, `notifications WHERE attempts = 1 AND status = 'pending'`)).toBe(2);
  });

  test('each recipient reads the mail in the locale of their directory entry', async () => {
    const caseId = await caseWithNotifications(1);
    await upsertDirectoryEntry(db, {
      role: 'orgDept',
      unit: 'ORG',
      address: 'xiapai@org.example',
      locale: 'en',
    });
    const activities = activitiesWith(new LocalMailboxTransport());
    await activities.deliverNotifications();

    // No entry for the cadre: the documented local fallback address, in Chinese.
    const [zh] = await activities.getMailbox('cadre@U-SEND.local');
    expect(zh).toMatchObject({ locale: 'zh-CN', subject: '【挂职锻炼】新的待办事项：季度汇报' });
    expect(zh?.body).toContain(`案件 ${caseId} 有一项新的待办事项`);
    const [en] = await activities.getMailbox('xiapai@org.example');
    expect(en).toMatchObject({ locale: 'en', subject: '[Secondment] New duty: 季度汇报' });
    expect(en?.body).toContain(`Case ${caseId} has a new duty`);
  });

  test('an unknown template still arrives, listing its vars', async () => {
    const caseId = newCaseId();
    const record = transition(caseId, 1);
    record.notifications = [
      {
        recipients: [{ role: 'cadre', unit: 'U-X' }],
        template: 'party.relation_transferred',
        vars: { branch: '临时党支部', count: 2 },
      },
    ];
    const activities = activitiesWith(new LocalMailboxTransport());
    await activities.applyTransition(record);
    await activities.deliverNotifications();
    const [mail] = await activities.getMailbox('cadre@U-X.local');
    expect(mail?.subject).toBe('【挂职锻炼】通知：party.relation_transferred');
    expect(mail?.body).toContain('- branch: 临时党支部');
    expect(mail?.body).toContain('- count: 2');
  });

  test('SMTP delivery carries a Message-ID derived from the notification id', async () => {
    const caseId = await caseWithNotifications(1);
    const transporter = nodemailer.createTransport({ jsonTransport: true });
    const sendMail = jest.spyOn(transporter, 'sendMail');
    const smtp = new SmtpTransport(
      { host: 'smtp.example', from: '挂职办 <xiapai@example.gov>', messageIdDomain: 'example.gov' },
      { transporter },
    );
    await expect(activitiesWith(smtp).deliverNotifications()).resolves.toMatchObject({ sent: 2 });
    const messageIds = sendMail.mock.calls.map(([options]) => options.messageId);
    expect(messageIds).toEqual(
      [`${caseId}:1:0`, `${caseId}:1:1`].map((id) => messageIdFor(id, 'example.gov')),
    );
    expect(messageIdFor(`${caseId}:1:0`, 'example.gov')).toMatch(/^<[0-9a-f]{40}@example\.gov>$/);
    expect(sendMail.mock.calls[0]?.[0]).toMatchObject({
      to: 'cadre@U-SEND.local',
      from: '挂职办 <xiapai@example.gov>',
    });
    expect(await count(db, 'mailbox')).toBe(0);
  });
});
