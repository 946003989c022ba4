import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { MailerService } from '../src/common/mail/mailer.service.js';
import { InvalidRecipientError } from '../src/common/mail/single-address.util.js';
import { OwnerDigestService } from '../src/modules/root-causes/owner-digest.service.js';
import { RootCausesService } from '../src/modules/root-causes/root-causes.service.js';
import { RootCauseFixture } from './factories/root-cause.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const PASSWORD = 'Smtp-Pa55word-never-logged';
const NOW = new Date('2026-12-07T09:00:00Z'); // a Monday

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback (STACK.md trap 10), taking AUTH PLAIN/LOGIN with one password. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: Received[]; auths: string[] }> {
  const mails: Received[] = [];
  const auths: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      auths.push(auth.username ?? '');
      if (auth.password === PASSWORD) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined, to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.server.address() as AddressInfo).port, mails, auths };
}

describe('mail and the weekly owner digest (integration, loopback SMTP)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let f: RootCauseFixture;
  const lines: string[] = [];
  const sink = { write: (s: string) => void lines.push(...s.split('\n').filter(Boolean)) };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(
      {
        LOG_LEVEL: 'info',
        EARSHOT_SMTP_URL: `smtp://digest:${encodeURIComponent(PASSWORD)}@127.0.0.1:${smtp.port}`,
        EARSHOT_MAIL_FROM: 'earshot@example.com',
        EARSHOT_OWNER_DIGEST_CRON: 'off',
        EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9',
      },
      sink,
    );
    t.app.get(RootCausesService).now = () => NOW;
    f = await RootCauseFixture.create(t, 'Digest WS');
    await f.add([
      { author: 'A', day: '2026-12-01', category: 'delivery', text: '@acme my parcel never arrived' },
      { author: 'B', day: '2026-12-02', category: 'delivery', text: '@acme the courier threw the box over the fence' },
      { author: 'C', day: '2026-11-25', category: 'delivery', text: '@acme late again' },
    ]);
    await request(t.server)
      .put('/api/root-causes/owners/delivery')
      .set('Cookie', f.inbox.cookies.manager)
      .send({ department: 'Logistics', email: 'ops@example.com' })
      .expect(200);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await new Promise<void>((r) => smtp.server.close(() => r()));
  });

  it("sends each owner the week's digest once, even when the round runs twice", async () => {
    const digest = t.app.get(OwnerDigestService);
    expect(await digest.runWeekly()).toBe(1);
    expect(await digest.runWeekly()).toBe(0);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    // The body is quoted-printable: join its soft line breaks before reading it.
    const body = mail.raw.replace(/=\r?\n/g, '');
    expect(mail.to).toEqual(['ops@example.com']);
    expect(mail.from).toBe('earshot@example.com');
    expect(smtp.auths).toEqual(['digest']);
    expect(mail.raw).toContain('Subject: Earshot weekly: delivery (2026-11-30 to 2026-12-06)');
    // Nov 30 - Dec 6: 2 complaints, the week before 1 → +1, +100 %.
    expect(body).toContain('delivery: 2 complaints (+1, +100 %), 100 % negative');
    expect(body).toContain('Status: open');
    const rows = (await t.dataSource.query(`SELECT owner_email, week::text AS week, sent_at IS NOT NULL AS sent FROM owner_digest WHERE workspace_id = $1`, [
      f.workspaceId,
    ])) as unknown[];
    expect(rows).toEqual([{ owner_email: 'ops@example.com', week: '2026-12-07', sent: true }]);
  });

  it('previews without sending, and sends now on request', async () => {
    const before = smtp.mails.length;
    const preview = await request(t.server)
      .post('/api/root-causes/digest/preview')
      .set('Cookie', f.inbox.cookies.manager)
      .send({ email: 'ops@example.com' })
      .expect(200);
    expect(preview.body).toMatchObject({ to: 'ops@example.com', categories: ['delivery'] });
    expect(preview.body.text).toContain('Hello Logistics,');
    expect(preview.body.text).toContain('@a@mastodon.example: "@acme my parcel never arrived"');
    expect(smtp.mails).toHaveLength(before);
    await request(t.server).post('/api/root-causes/digest/preview').set('Cookie', f.inbox.cookies.manager).send({ email: 'nobody@example.com' }).expect(404);
    await request(t.server).post('/api/root-causes/digest/preview').set('Cookie', f.inbox.cookies.agent).send({ email: 'ops@example.com' }).expect(403);
    const sent = await request(t.server).post('/api/root-causes/digest/send').set('Cookie', f.inbox.cookies.manager).send({}).expect(200);
    expect(sent.body).toEqual({ sent: ['ops@example.com'], failed: [] });
    expect(smtp.mails).toHaveLength(before + 1);
  });

  it('refuses a recipient with CR/LF or two addresses before anything reaches the SMTP server; a CR/LF subject adds no header', async () => {
    const mailer = t.app.get(MailerService);
    const before = smtp.mails.length;
    for (const to of [
      'ops@example.com\r\nBcc: evil@example.com',
      'ops@example.com, evil@example.com',
      'Ops <ops@example.com>',
      'ops@example.com;evil@example.com',
    ]) {
      await expect(mailer.send({ to, subject: 'x', text: 'x' })).rejects.toBeInstanceOf(InvalidRecipientError);
    }
    await expect(mailer.send({ to: 'ops@example.com\nBcc: evil@example.com', subject: 'x', text: 'x' })).rejects.toThrow('exactly one e-mail address');
    expect(smtp.mails).toHaveLength(before);
    await mailer.send({ to: 'ops@example.com', subject: 'Weekly\r\nBcc: evil@example.com', text: 'body' });
    const raw = smtp.mails.at(-1)!;
    expect(raw.to).toEqual(['ops@example.com']);
    expect(raw.raw).not.toMatch(/^Bcc:/im);
    expect(raw.raw).toContain('Subject: Weekly Bcc: evil@example.com');
    // The owner API refuses such an address too.
    await request(t.server)
      .put('/api/root-causes/owners/billing')
      .set('Cookie', f.inbox.cookies.manager)
      .send({ department: 'Finance', email: 'fin@example.com\r\nBcc: evil@example.com' })
      .expect(400);
  });

  it('never prints the SMTP password: not in logs, not in errors', async () => {
    const before = lines.length;
    const cfg = t.config.smtp!;
    const real = cfg.password;
    // A wrong password: the server refuses AUTH; the error and the logs name the server, never a password.
    const mailer = new MailerService({
      ...t.config,
      smtp: { ...cfg, password: 'Wrong-Pa55word-also-secret' },
      secrets: [...t.config.secrets, 'Wrong-Pa55word-also-secret'],
    });
    const err = (await mailer.send({ to: 'ops@example.com', subject: 's', text: 't' }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/The SMTP server 127\.0\.0\.1:\d+ did not take the mail/);
    expect(err.message).not.toContain('Wrong-Pa55word');
    mailer.onApplicationShutdown();
    expect(real).toBe(PASSWORD);
    const logged = lines.slice(0).join('\n');
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toContain(encodeURIComponent(PASSWORD));
    expect(logged).not.toContain('Wrong-Pa55word');
    expect(logged).toMatch(/did not take the mail/);
    expect(lines.length).toBeGreaterThanOrEqual(before);
  });
});

describe('the owner digest without SMTP (integration)', () => {
  it('skips with one info log and sends nothing', async () => {
    const lines: string[] = [];
    const t = await createTestApp(
      { LOG_LEVEL: 'info', EARSHOT_OWNER_DIGEST_CRON: 'off' },
      { write: (s: string) => void lines.push(...s.split('\n').filter(Boolean)) },
    );
    try {
      expect(await t.app.get(OwnerDigestService).runWeekly()).toBe(0);
      const skipped = lines.filter((l) => l.includes('Owner digest skipped'));
      expect(skipped).toHaveLength(1);
      expect(JSON.parse(skipped[0]!)).toMatchObject({ level: 30 });
    } finally {
      await t.close();
    }
  }, 60_000);
});
