import type { AddressInfo } from 'node:net';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { ReportRecipientListSchema, SendReportResponseSchema } from '@earshot/contracts';
import { ReportsService } from '../src/modules/reports/reports.service.js';
import { ReportWeekFixture } from './factories/report-week.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The weekly report's delivery: recipients (admins; exactly one plain address each), the schedule on two api
 * instances sharing one PostgreSQL database (generated once, e-mailed once), and the e-mail itself as a loopback
 * SMTP server receives it: recipient, subject (the headline, one line), body, and the attached PDF whose text has
 * the headline. Europe/Berlin; the week 30 Nov – 6 Dec 2026 is due on Monday 7 Dec 07:00 local (06:00Z).
 */
const M = '\u2212';
const HEADLINE = `Reputation fell: net sentiment ${M}100 points, driven by complaints about delivery`;
const BAD = 'cfo@example.com\nBcc: evil@example.com';

interface Received {
  to: string[];
  raw: string;
}

/** Header value with folding undone and RFC 2047 encoded words decoded (adjacent words joined). */
function header(raw: string, name: string): string | null {
  const head = raw.split(/\r\n\r\n/)[0]!.replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!line) return null;
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The body of the first MIME part with this content type, transfer encoding undone. */
function part(raw: string, contentType: string): { headers: string; body: Buffer } | null {
  const at = raw.toLowerCase().indexOf(`content-type: ${contentType}`);
  if (at < 0) return null;
  const start = raw.indexOf('\r\n\r\n', at);
  const headers = raw.slice(at, start).replace(/\r\n[ \t]+/g, ' ');
  const end = raw.indexOf('\r\n--', start + 4);
  const body = raw.slice(start + 4, end < 0 ? undefined : end);
  if (/content-transfer-encoding: base64/i.test(headers)) return { headers, body: Buffer.from(body.replace(/\s+/g, ''), 'base64') };
  if (/content-transfer-encoding: quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return { headers, body: Buffer.from(bytes, 'latin1') };
  }
  return { headers, body: Buffer.from(body, 'utf8') };
}

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? ' ' : '');
  }
  await doc.destroy();
  return text.replace(/\s+/g, ' ');
}

describe('weekly report: recipients, the schedule on two instances, the e-mail (integration, PostgreSQL, loopback SMTP)', () => {
  const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const saved = process.env.TEST_DATABASE_URL;
  let one: TestApp;
  let two: TestApp;
  let f: ReportWeekFixture;
  let smtp: SMTPServer;
  const mails: Received[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('latin1')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const env = {
      EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9',
      EARSHOT_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      EARSHOT_MAIL_FROM: 'earshot@example.com',
      EARSHOT_PUBLIC_URL: 'https://earshot.example',
    };
    process.env.TEST_DATABASE_URL = PG;
    one = await createTestApp(env);
    two = await createTestApp({ ...env, DATABASE_URL: one.config.database.engine === 'postgres' ? one.config.database.url : '' });
    f = await ReportWeekFixture.create(one, 'Mail WS');
    await f.add(
      [
        { key: 'ann', followers: 100 },
        { key: 'ben', followers: 20 },
      ],
      [
        { key: 'p1', author: 'ann', at: '2026-11-24T10:00:00Z', text: '@acme lovely', label: 'positive' },
        { key: 'p2', author: 'ben', at: '2026-11-25T10:00:00Z', text: '@acme great', label: 'positive' },
        { key: 'w1', author: 'ann', at: '2026-12-01T10:00:00Z', text: '@acme my parcel is lost', label: 'negative', intent: 'complaint', category: 'delivery' },
        { key: 'w2', author: 'ben', at: '2026-12-02T10:00:00Z', text: '@acme fine <b>today</b> & "ok"', label: 'positive' },
      ],
    );
  }, 180_000);

  afterAll(async () => {
    await two?.close();
    await one?.close();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    if (saved === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = saved;
  });

  it('lets admins manage recipients: one plain address each, a newline refused, no duplicates ignoring case', async () => {
    const post = (body: object, cookie = f.inbox.cookies.admin) => request(one.server).post('/api/report-recipients').set('Cookie', cookie).send(body);
    const ceo = await post({ email: ' ceo@example.com ', name: 'Chief' }).expect(201);
    expect(ceo.body).toMatchObject({ email: 'ceo@example.com', name: 'Chief' });
    expect((await post({ email: 'CEO@Example.com' }).expect(409)).body.message).toBe('CEO@Example.com already gets the weekly report.');
    for (const email of [
      'a@example.com\r\nBcc: evil@example.com',
      'a@example.com\nb@example.com',
      'a@example.com, b@example.com',
      'Boss <boss@example.com>',
      'not-an-address',
    ]) {
      const res = await post({ email }).expect(400);
      expect(res.body.message).toMatch(/^Invalid request: email must be (one e-mail address|exactly one e-mail address)/);
    }
    expect((await post({ email: 'a@example.com\r\nBcc: evil@example.com' }).expect(400)).body.message).toBe(
      'Invalid request: email must be one e-mail address on one line (no line breaks)',
    );
    await post({ email: 'x@example.com' }, f.inbox.cookies.manager).expect(403);
    const list = ReportRecipientListSchema.parse(
      (await request(one.server).get('/api/report-recipients').set('Cookie', f.inbox.cookies.admin).expect(200)).body,
    );
    expect(list.items.map((r) => r.email)).toEqual(['ceo@example.com']);
    const tmp = await post({ email: 'tmp@example.com' }).expect(201);
    await request(one.server)
      .delete(`/api/report-recipients/${tmp.body.id as string}`)
      .set('Cookie', f.inbox.cookies.admin)
      .expect(204);
    await request(one.server)
      .delete(`/api/report-recipients/${tmp.body.id as string}`)
      .set('Cookie', f.inbox.cookies.admin)
      .expect(404);
    // A row that slipped past the api (an old import, a hand edit): refused again when sending.
    await one.dataSource.query(`INSERT INTO report_recipient (workspace_id, email) VALUES ($1, $2)`, [f.workspaceId, BAD]);
  });

  it('runs the schedule on two instances at once: each week generated once and e-mailed once, not before 07:00 local', async () => {
    const a = one.app.get(ReportsService);
    const b = two.app.get(ReportsService);
    // Monday 06:59 in Berlin: not due yet.
    expect(await a.runScheduled(new Date('2026-12-07T05:59:00Z'))).toEqual({ generated: 0, emailed: 0 });
    expect(await one.dataSource.query(`SELECT 1 FROM report WHERE workspace_id = $1`, [f.workspaceId])).toEqual([]);

    const at = new Date('2026-12-07T06:00:00Z');
    const [ra, rb] = await Promise.all([a.runScheduled(at), b.runScheduled(at)]);
    // Berlin's week only: the seed's workspace (UTC) is due at 07:00 UTC.
    expect(ra.generated + rb.generated).toBe(1);
    expect(ra.emailed + rb.emailed).toBe(1);
    const rows = (await one.dataSource.query(
      `SELECT workspace_id, to_char(week_start, 'YYYY-MM-DD') AS week, generated_by, emailed_at, email_error FROM report ORDER BY workspace_id`,
    )) as Array<{ workspace_id: string; week: string; generated_by: string | null; emailed_at: Date | null; email_error: string | null }>;
    expect(rows.map((r) => r.workspace_id)).toEqual([f.workspaceId]);
    const mine = rows[0]!;
    expect(mine).toMatchObject({ week: '2026-11-30', generated_by: null });
    expect(new Date(mine.emailed_at!).toISOString()).toBe(at.toISOString());
    expect(mine.email_error).toBe(
      'Not sent to 1 of 2 recipient(s): The recipient must be exactly one e-mail address such as ops@example.com: it contains a line break.',
    );

    // One message, to the one valid recipient; nothing for the injected address.
    expect(mails.map((m) => m.to)).toEqual([['ceo@example.com']]);
    expect(mails.some((m) => /evil@example\.com/.test(m.to.join()) || /^bcc:/im.test(m.raw.split('\r\n\r\n')[0]!))).toBe(false);

    // Later rounds on both: the UTC workspace's week once (no recipients: no mail), nothing new for Berlin.
    const later = new Date('2026-12-07T09:00:00Z');
    const [la, lb] = await Promise.all([a.runScheduled(later), b.runScheduled(later)]);
    expect([la.generated + lb.generated, la.emailed + lb.emailed]).toEqual([1, 0]);
    expect(await Promise.all([a.runScheduled(later), b.runScheduled(later)])).toEqual([
      { generated: 0, emailed: 0 },
      { generated: 0, emailed: 0 },
    ]);
    const counts = (await one.dataSource.query(`SELECT workspace_id, count(*)::int AS n FROM report GROUP BY 1`)) as Array<{ n: number }>;
    expect(counts.map((c) => c.n)).toEqual([1, 1]);
    expect(mails).toHaveLength(1);
  });

  it('sends the headline as the subject and in the body, and the PDF attached with the headline in its text', async () => {
    const mail = mails[0]!;
    expect(header(mail.raw, 'To')).toBe('ceo@example.com');
    expect(header(mail.raw, 'From')).toBe('earshot@example.com');
    expect(header(mail.raw, 'Subject')).toBe(`Weekly reputation report, 30 Nov – 6 Dec 2026: ${HEADLINE}`);
    const text = part(mail.raw, 'text/plain')!.body.toString('utf8');
    expect(text.split(/\r?\n/)[0]).toBe(`${HEADLINE}.`);
    expect(text).toContain('- 2 mentions, about as many as last week (2); their authors have 120 followers.');
    const report = (await one.dataSource.query(`SELECT id FROM report WHERE workspace_id = $1`, [f.workspaceId])) as Array<{ id: string }>;
    expect(text).toContain(`Online: https://earshot.example/reports/${report[0]!.id}`);
    const html = part(mail.raw, 'text/html')!.body.toString('utf8');
    expect(html).toContain(`<strong>${HEADLINE}.</strong>`);
    const pdf = part(mail.raw, 'application/pdf')!;
    expect(pdf.headers).toMatch(/filename="?earshot-report-2026-11-30\.pdf"?/);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await pdfText(pdf.body)).toContain(HEADLINE);
  });

  it('sends now on request (managers): the refused address is reported, the rest get it', async () => {
    const report = (await one.dataSource.query(`SELECT id FROM report WHERE workspace_id = $1`, [f.workspaceId])) as Array<{ id: string }>;
    const res = SendReportResponseSchema.parse(
      (await request(two.server).post(`/api/reports/${report[0]!.id}/send`).set('Cookie', f.inbox.cookies.manager).expect(200)).body,
    );
    expect(res.sent).toEqual(['ceo@example.com']);
    expect(res.failed).toEqual([{ email: BAD, reason: 'The recipient must be exactly one e-mail address such as ops@example.com: it contains a line break.' }]);
    expect(res.emailedAt).not.toBeNull();
    expect(mails.map((m) => m.to)).toEqual([['ceo@example.com'], ['ceo@example.com']]);
    await one.dataSource.query(`DELETE FROM report_recipient WHERE workspace_id = $1`, [f.workspaceId]);
    const none = await request(one.server).post(`/api/reports/${report[0]!.id}/send`).set('Cookie', f.inbox.cookies.manager).expect(409);
    expect(none.body.message).toBe('The report has no recipients yet: an admin adds them under Settings › Reports.');
  });
});
