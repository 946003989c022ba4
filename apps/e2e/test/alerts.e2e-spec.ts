import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import type { AlertEvent, Incident } from '@earshot/contracts';
import type { Browser } from 'playwright-core';
import { launchBrowser, shot, watch } from './browser.js';
import { createDesk, offline } from './desk.js';
import { startEarshot, type EarshotServer } from './earshot-server.js';

/**
 * Early warning end to end, through the real detector runner: the simulator serves a month of
 * back-dated posts with one past incident (as `npm start` does), the api ingests it and its runner
 * replays the month, which stores that incident as a historical alert. A real Chromium finds it on
 * the Alerts page, opens its incident view and answers every affected author once — a double click
 * on the confirm button included — and each author gets exactly one reply, with a text of their own.
 */
describe('spike alerts and the incident view in a real browser', () => {
  let sim: SocialSim;
  let server: EarshotServer;
  let browser: Browser;
  let alert: AlertEvent;

  const { api, signIn, useAdmin } = createDesk(
    () => server.url,
    () => sim.url,
  );

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 42, history: { days: 30, perDay: 100, seed: 42 } });
    // The runner every few seconds (production: every minute), and no settle lag: the history is all in.
    server = await startEarshot({ env: { SOCIAL_SIM_URL: sim.url, EARSHOT_ALERTS_CRON: '*/3 * * * * *', EARSHOT_ALERTS_SETTLE_SECONDS: '0' } });
    await useAdmin(server.admin);
    // The demo sources ingest the month while the runner already replays it (a backfill then rebuilds the baseline
    // and may replace what it found): wait until the past incident's alert has stayed the same for a few rounds.
    const deadline = Date.now() + 180_000;
    let last = '';
    let stableSince = Date.now();
    for (;;) {
      const list = await api<{ alerts: AlertEvent[] }>('/api/alerts?status=all');
      const found = list.body?.alerts?.find((a) => a.historical && a.status === 'cleared');
      const key = found ? `${found.id} ${found.seq}` : '';
      if (key !== last) {
        last = key;
        stableSince = Date.now();
      } else if (found && Date.now() - stableSince >= 12_000) {
        alert = found;
        break;
      }
      if (Date.now() > deadline) throw new Error(`no settled historical alert within 180 s; alerts: ${JSON.stringify(list.body)}\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sim?.close();
  });

  it('lists the past incident, opens its incident view and answers every affected author exactly once', async () => {
    const before = (await api<Incident>(`/api/alerts/${alert.id}/incident`)).body;
    expect(before.counts.toAnswer).toBeGreaterThan(0);
    const toAnswer = before.counts.toAnswer;

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const { problems } = watch(page);
    await signIn(page, server.admin.email, server.admin.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    const card = page.locator(`[data-testid="alert-card"]:has(a[href="/alerts/${alert.id}"])`);
    await card.getByText('Found in the past').waitFor();
    await card.getByText(alert.brandName).first().waitFor();

    await card.getByRole('link', { name: 'Open the incident view' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${alert.brandName}:`) }).waitFor();
    // The surge chart is drawn (recharts SVG) and its numbers are in the table for screen readers.
    await page.locator('.surge-chart .recharts-surface').first().waitFor();
    expect(await page.locator('.surge-chart table tbody tr').count()).toBe(before.series.length);
    expect(before.series.length).toBeGreaterThan(24); // two hours before the surge, the surge, an hour after, in 5-minute buckets
    await page.getByTestId('incident-author').first().waitFor();

    const answer = page.getByRole('button', { name: `Answer ${toAnswer} ${toAnswer === 1 ? 'author' : 'authors'}` });
    await answer.click();
    const queue = page.getByRole('button', { name: `Queue ${toAnswer} ${toAnswer === 1 ? 'reply' : 'replies'}` });
    await queue.dblclick();
    // One request queues them all through the reply workflow (about a second per ten authors on a busy machine).
    await page.getByText(new RegExp(`^${toAnswer} ${toAnswer === 1 ? 'reply' : 'replies'} queued`)).waitFor({ timeout: 180_000 });
    await page.getByRole('button', { name: /^Answer 0 authors$/ }).waitFor();
    await shot(page, 'alerts-incident-answered');

    // Every author once: each affected author's mention has exactly one reply, and no two texts are the same.
    const after = (await api<Incident>(`/api/alerts/${alert.id}/incident`)).body;
    expect(after.counts.toAnswer).toBe(0);
    expect(after.counts.replied).toBe(before.counts.replied + toAnswer);
    const answered = before.authors.filter((a) => a.canReply && !a.replied);
    expect(answered).toHaveLength(toAnswer);
    const repliesOf = async () => {
      const all: { mentionId: string; text: string; status: string }[] = [];
      for (const a of answered) {
        const replies = await api<{ items: { text: string; status: string }[] }>(`/api/replies?mentionId=${a.mentionId}`);
        expect(replies.body.items).toHaveLength(1);
        all.push({ mentionId: a.mentionId, ...replies.body.items[0]! });
      }
      return all;
    };
    const queued = await repliesOf();
    expect(new Set(queued.map((r) => r.text)).size).toBe(toAnswer);

    // Sent again (another manager, another key): everyone is answered, nothing more is queued.
    const again = await api<{ queued: number; skipped: { reason: string }[] }>(`/api/alerts/${alert.id}/replies`, {
      method: 'POST',
      body: { body: before.holdingStatement.body, clientKey: `e2e-again-${Date.now().toString(36)}` },
    });
    expect(again.status).toBeLessThan(300);
    expect(again.body.queued).toBe(0);

    // The outbox sends them (paced; a reply a manager must approve waits): each reaches the platform exactly once.
    let sent = queued;
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline) {
      sent = await repliesOf();
      if (sent.every((r) => r.status === 'sent' || r.status === 'pending_approval')) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    const delivered = sent.filter((r) => r.status === 'sent');
    expect(delivered.length + sent.filter((r) => r.status === 'pending_approval').length).toBe(toAnswer);
    const res = await fetch(`${sim.url}/_control/replies`);
    const posted = ((await res.json()) as { replies: { text: string; inReplyTo: string }[] }).replies.filter((r) => /\(ref [a-z0-9]{5}\)/.test(r.text));
    expect(posted).toHaveLength(delivered.length);
    expect(new Set(posted.map((r) => r.inReplyTo)).size).toBe(delivered.length);
    expect(new Set(posted.map((r) => r.text)).size).toBe(delivered.length);
    expect(offline(problems)).toEqual([]);
    await page.close();
  }, 600_000);
});
