import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pageShot, watch } from './browser.js';
import { createDesk, offline } from './desk.js';
import { startEarshot, type EarshotServer } from './earshot-server.js';

const ZONE = 'Europe/Berlin';

/** "5 Dec 2026 16:00": how the chart names the local hour a post falls in (its bar's label starts so). */
function localHour(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} ${get('hour')}:00`;
}

interface Bar {
  index: number;
  series: string;
  count: number;
  /** The bucket in words, up to its end ("5 Dec 2026 16:00"; a day: "5 Dec 2026"). */
  hour: string;
}

async function volumeBars(page: Page): Promise<Bar[]> {
  const bars = page.getByTestId('chart-volume').getByTestId('volume-bar');
  await bars.first().waitFor();
  const labels = await bars.evaluateAll((els) => els.map((e) => ({ label: e.getAttribute('aria-label') ?? '', series: e.getAttribute('data-series') ?? '' })));
  return labels.map((l, index) => {
    const m = /^(.*): (\d+) /.exec(l.label);
    if (!m) throw new Error(`a bar without its figures: "${l.label}"`);
    return { index, series: l.series, count: Number(m[2]), hour: m[1]!.split('–')[0]! };
  });
}

/** The inbox's total for the list the page opened ("12 mentions"). */
async function inboxTotal(page: Page): Promise<number> {
  const total = page.getByTestId('queue-total');
  await total.waitFor();
  const m = /^([\d,]+) mentions?$/.exec((await total.innerText()).trim());
  if (!m) throw new Error(`no total in "${await total.innerText()}"`);
  return Number(m[1]!.replace(/,/g, ''));
}

/**
 * Analytics end to end: the built api polls the simulator (two weeks of back-dated history plus
 * posts of a brand made for this test, with known posted times); a real Chromium opens
 * /analytics, reads a bar's figure from its label, clicks it and finds the same number of
 * mentions in the inbox.
 */
describe('analytics drill-down in a real browser', () => {
  let sim: SocialSim;
  let server: EarshotServer;
  let browser: Browser;
  const { api, useAdmin, signIn } = createDesk(
    () => server.url,
    () => sim.url,
  );
  let zenithId = '';
  const posted: string[] = [];

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 15, history: { days: 14, perDay: 120, seed: 15 } });
    server = await startEarshot({ env: { SOCIAL_SIM_URL: sim.url } });
    await useAdmin(server.admin);
    expect((await api('/api/workspace', { method: 'PATCH', body: { timeZone: ZONE } })).status).toBe(200);
    // A brand of this test alone, so its bars count only the posts below.
    const brand = await api<{ id: string }>('/api/brands', { method: 'POST', body: { name: 'Zenith', handles: ['@zenith'], kind: 'competitor' } });
    expect(brand.status).toBe(201);
    zenithId = brand.body.id;
    const query = await api('/api/listening-queries', { method: 'POST', body: { brandId: zenithId, name: 'Zenith', query: 'zenith', topic: 'e2e' } });
    expect(query.status).toBe(201);
    // Posts with known times: the simulator's batches end now, `spacingMs` apart.
    for (const [text, count, spacingMs] of [
      ['@acme zenith cancelled my flight and nobody answers the phone, awful service', 5, 7 * 60_000],
      ['@acme zenith crew was lovely today, thank you so much', 3, 23 * 60_000],
    ] as const) {
      const res = await fetch(`${sim.url}/_control/posts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ platform: 'mastodon', count, text, spacingMs }),
      });
      expect(res.status).toBe(201);
      posted.push(...((await res.json()) as { posts: Array<{ createdAt: string }> }).posts.map((p) => p.createdAt));
    }
    // Every post of this test stored, and the history read to its end (the total stops growing).
    const deadline = Date.now() + 120_000;
    let last = -1;
    for (;;) {
      const mine = await api<{ total?: number }>(
        `/api/mentions?status=all&spam=include&brandId=${zenithId}&postedFrom=2020-01-01T00:00:00Z&withTotal=true&limit=1`,
      );
      const all = await api<{ total?: number }>(`/api/mentions?status=all&spam=include&postedFrom=2020-01-01T00:00:00Z&withTotal=true&limit=1`);
      if (mine.body.total === posted.length && all.body.total === last && last > 500) break;
      last = all.body.total ?? -1;
      if (Date.now() > deadline) throw new Error(`not stored in time: ${mine.body.total} of ${posted.length} test posts, ${last} in all`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sim?.close();
  });

  it('counts the posts in their local hours, and a bar opens the inbox with as many mentions as it says', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const { problems } = watch(page);
    await signIn(page, server.admin.email, server.admin.password);
    await page.goto(`${server.url}/analytics?range=24h&brandId=${zenithId}`);
    await page.getByRole('heading', { name: 'Analytics' }).waitFor();
    const bars = await volumeBars(page);

    // The chart's hours hold exactly the posts made in them (known times, Berlin hours).
    const expected = new Map<string, number>();
    for (const at of posted) expected.set(localHour(at), (expected.get(localHour(at)) ?? 0) + 1);
    const drawn = new Map<string, number>();
    for (const b of bars) drawn.set(b.hour, (drawn.get(b.hour) ?? 0) + b.count);
    expect(Object.fromEntries(drawn)).toEqual(Object.fromEntries(expected));
    await pageShot(page, 'analytics-02-24h-one-brand');

    // The largest segment: its figure, then the inbox's.
    const bar = [...bars].sort((a, b) => b.count - a.count || a.index - b.index)[0]!;
    const target = page.getByTestId('chart-volume').getByTestId('volume-bar').nth(bar.index);
    await target.click();
    await page.waitForURL(/\/inbox\?status=all&/);
    const url = new URL(page.url());
    expect(url.searchParams.get('sentiment')).toBe(bar.series);
    expect(url.searchParams.get('brandId')).toBe(zenithId);
    expect(await inboxTotal(page)).toBe(bar.count);
    await page.getByTestId('mention-row').first().waitFor();
    expect(await page.getByTestId('mention-row').count()).toBe(bar.count);
    for (const text of await page.getByTestId('mention-row').allInnerTexts()) expect(text).toContain('zenith');
    await page.getByTestId('filter-chip').first().waitFor();
    expect(await page.getByTestId('filter-chip').first().innerText()).toContain(`Posted ${bar.hour}`);
    await pageShot(page, 'analytics-03-drilled-into-inbox');
    expect(offline(problems)).toEqual([]);
    await page.close();
  });

  it('draws the month and takes the keyboard from a figure to the same mentions', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const { problems } = watch(page);
    await signIn(page, server.admin.email, server.admin.password);
    await page.goto(`${server.url}/analytics`);
    const bars = await volumeBars(page);
    const drawn = bars.reduce((n, b) => n + b.count, 0);
    expect(drawn).toBeGreaterThan(500);
    // The chart's CSV (the api's route, same query) has the same numbers.
    const csvHref = await page.getByTestId('csv-volume').getAttribute('href');
    const csv = await page.request.get(`${server.url}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const [header, ...lines] = (await csv.text()).trim().split(/\r?\n/);
    const totalAt = header!.split(',').indexOf('total');
    expect(lines.reduce((n, l) => n + Number(l.split(',')[totalAt]), 0)).toBe(drawn);
    for (const id of ['themes', 'share-of-voice', 'brand-sentiment']) await page.getByTestId(`chart-${id}`).getByRole('heading').waitFor();
    await page.getByTestId('chart-share-of-voice').getByTestId('voice-total').first().waitFor();
    await page.getByTestId('chart-brand-sentiment').getByTestId('brand-sentiment-segment').first().waitFor();
    await page.waitForTimeout(300);
    await pageShot(page, 'analytics-01-month');
    // The figures table under the volume chart: the busiest day's negative mentions, by keyboard.
    const volume = page.getByTestId('chart-volume');
    await volume.getByText('Figures and links to the mentions').click();
    const rows = volume.locator('tbody tr');
    const counts = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll('td')[1]?.textContent ?? 0)));
    const busiest = counts.indexOf(Math.max(...counts));
    const link = rows.nth(busiest).locator('td').nth(1).getByRole('link');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox\?status=all&sentiment=negative&postedFrom=/);
    expect(await inboxTotal(page)).toBe(counts[busiest]);
    expect(offline(problems)).toEqual([]);
    await page.close();
  });
});
