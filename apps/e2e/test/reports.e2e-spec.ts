import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import type { Browser } from 'playwright-core';
import { launchBrowser, pageShot, watch } from './browser.js';
import { createDesk, offline } from './desk.js';
import { startEarshot, type EarshotServer } from './earshot-server.js';

interface ReportListItem {
  id: string;
  weekStart: string;
  label: string;
  headline: string;
  direction: string;
}
interface Report {
  id: string;
  snapshot: {
    headline: { sentence: string; direction: string };
    volume: { mentions: number; previousMentions: number };
    sentimentByDay: Array<{ date: string; netSentiment: number | null }>;
    themes: Array<{ category: string; label: string }>;
  };
}

/** The PDF's page objects ("/Type /Page", not "/Pages"). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

/**
 * The weekly report end to end: the built api reads three weeks of the simulator's history; a manager builds the last
 * complete week from the Reports page in a real Chromium, reads the snapshot's headline and figures on the page,
 * downloads its PDF, and prints the print view: one A4 page, no toolbar.
 */
describe('the weekly report in a real browser', () => {
  let sim: SocialSim;
  let server: EarshotServer;
  let browser: Browser;
  const { api, useAdmin, signIn } = createDesk(
    () => server.url,
    () => sim.url,
  );

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 16, history: { days: 21, perDay: 120, seed: 16 } });
    server = await startEarshot({ env: { SOCIAL_SIM_URL: sim.url } });
    await useAdmin(server.admin);
    expect((await api('/api/workspace', { method: 'PATCH', body: { timeZone: 'Europe/Berlin' } })).status).toBe(200);
    // The history read to its end: the total stops growing.
    const deadline = Date.now() + 150_000;
    let last = -1;
    for (;;) {
      const all = await api<{ total?: number }>('/api/mentions?status=all&spam=include&postedFrom=2020-01-01T00:00:00Z&withTotal=true&limit=1');
      if (all.body.total === last && last > 1000) break;
      last = all.body.total ?? -1;
      if (Date.now() > deadline) throw new Error(`history not stored in time: ${last} mentions`);
      await new Promise((r) => setTimeout(r, 3_000));
    }
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sim?.close();
  });

  let reportId = '';

  it('builds the last complete week from the Reports page and shows what the snapshot holds', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const { problems } = watch(page);
    await signIn(page, server.admin.email, server.admin.password);
    await page.goto(`${server.url}/reports`);
    await page.getByRole('button', { name: 'Build report for week…' }).click();
    await page.getByRole('button', { name: 'Build report' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    reportId = page.url().split('/').at(-1)!;

    const list = await api<{ items: ReportListItem[] }>('/api/reports');
    expect(list.body.items).toHaveLength(1);
    const week = list.body.items[0]!;
    expect(week.id).toBe(reportId);
    const report = (await api<Report>(`/api/reports/${reportId}`)).body;
    const s = report.snapshot;

    await page.getByRole('heading', { level: 1, name: `Week of ${week.label}` }).waitFor();
    // The page keeps a figure and its unit together with a no-break space.
    expect((await page.getByTestId('report-headline').innerText()).replace(/\u00A0/g, ' ').trim()).toBe(s.headline.sentence);
    expect(await page.getByRole('region', { name: 'Headline' }).locator('[data-direction]').getAttribute('data-direction')).toBe(s.headline.direction);
    const mentions = page.getByRole('table', { name: 'This week against last week' }).getByRole('row', { name: /^Mentions/ });
    expect(await mentions.locator('td').first().innerText()).toBe(new Intl.NumberFormat('en').format(s.volume.mentions));
    expect(await mentions.locator('td').nth(1).innerText()).toBe(new Intl.NumberFormat('en').format(s.volume.previousMentions));
    // One bar per day with scored mentions.
    const bars = page.getByRole('img', { name: 'Net sentiment by day' }).locator('rect.report-chart__bar');
    await bars.first().waitFor();
    expect(await bars.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-date')))).toEqual(
      s.sentimentByDay.filter((d) => d.netSentiment !== null).map((d) => d.date),
    );
    expect(await page.getByTestId('report-theme').evaluateAll((els) => els.map((e) => e.getAttribute('data-category')))).toEqual(
      s.themes.map((t) => t.category),
    );
    await pageShot(page, 'report-page');

    // The PDF link downloads the api's PDF of the same report.
    const href = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    expect(href).toBe(`/api/reports/${reportId}/pdf`);
    const pdf = await page.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The list shows the week with its headline and direction.
    await page.getByRole('link', { name: '← All weeks' }).click();
    const item = page.getByTestId('report-week');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.first().innerText()).toContain(week.headline);
    expect(offline(problems).filter((p) => !/401|Unauthorized/.test(p))).toEqual([]);
    await page.close();
  });

  it('prints the report on one A4 page without the app or the toolbar', async () => {
    expect(reportId).not.toBe('');
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const { problems } = watch(page);
    await signIn(page, server.admin.email, server.admin.password);
    await page.goto(`${server.url}/reports/${reportId}/print`);
    await page.getByTestId('report-sheet').waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await pageShot(page, 'report-print-view');

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('group', { name: 'Print view actions' }).isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdfPages(pdf)).toBe(1);
    // The sheet is A4: 210 × 297 mm = 595.3 × 841.9 pt.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(box).not.toBeNull();
    expect(Math.abs(Number(box![1]) - 595.3)).toBeLessThan(1);
    expect(Math.abs(Number(box![2]) - 841.9)).toBeLessThan(1);
    expect(offline(problems)).toEqual([]);
    await page.close();
  });
  it('fits the largest report on one printed page: long texts, many themes, alerts and brands', async () => {
    expect(reportId).not.toBe('');
    const real = (await api<Report & { snapshot: Record<string, unknown> }>(`/api/reports/${reportId}`)).body;
    const long = (n: number) =>
      'I have been a customer for nine years and never been treated like this: the parcel was marked delivered but nothing arrived, the courier blames a neighbour who does not exist, the bot sends me in circles and nobody answers e-mail. '
        .repeat(4)
        .slice(0, n);
    const example = (i: number) => ({
      mentionId: `00000000-0000-4000-8000-${String(9000 + i).padStart(12, '0')}`,
      platform: 'x',
      authorHandle: `@a_rather_long_handle_number_${i}`,
      authorReach: 123_456 * i,
      text: long(600),
      postedAt: '2026-11-25T10:00:00.000Z',
      url: null,
    });
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const huge = {
      ...real,
      snapshot: {
        ...real.snapshot,
        workspace: { ...(real.snapshot.workspace as object), name: 'The Extremely Long Workspace Name of a Multinational Coffee Conglomerate GmbH & Co. KG' },
        headline: { ...real.snapshot.headline, sentence: `Reputation fell: ${long(220)}` },
        shareOfVoice: {
          brands: Array.from({ length: 10 }, (_, i) => ({
            brandId: id(100 + i),
            name: `Brand with a long name ${i}`,
            kind: i === 0 ? 'own' : 'competitor',
            count: 1000 - i * 90,
            share: 0.1,
            previousShare: 0.1,
          })),
          ownShare: 0.1,
          previousOwnShare: 0.1,
          sentence: long(200),
        },
        themes: Array.from({ length: 5 }, (_, i) => ({
          category: `theme${i}`,
          label: `A complaint theme with a long label ${i}`,
          count: 500 - i,
          previousCount: 100,
          change: { absolute: 400 - i, percent: 400 },
          owner: { department: 'Logistics and last-mile delivery partners', email: 'logistics-and-delivery-partners@example.com' },
          rootCauseStatus: 'investigating',
          examples: [example(i * 3), example(i * 3 + 1), example(i * 3 + 2)],
        })),
        themesSentence: long(300),
        alerts: Array.from({ length: 8 }, (_, i) => ({
          id: id(200 + i),
          brand: 'Acme',
          category: 'delivery',
          metric: 'volume',
          ratio: 4.2,
          raisedAt: '2026-11-26T13:00:00.000Z',
          clearedAt: null,
          topTerms: ['parcel', 'courier'],
          handled: { repliesQueued: 12, statusPost: true, firstResponseMinutes: 18 },
          sentence: long(180),
        })),
        alertsSentence: long(200),
        notable: {
          positive: [0, 1, 2].map((i) => ({ ...example(40 + i), sentiment: 'positive' })),
          negative: [0, 1, 2].map((i) => ({ ...example(50 + i), sentiment: 'negative' })),
        },
        conversation: { post: example(60), waitMinutes: 1500, reply: { body: long(600), sentAt: '2026-11-26T10:00:00.000Z' }, nextPost: example(61) },
      },
    };
    const fakeId = id(777);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const { problems } = watch(page);
    await signIn(page, server.admin.email, server.admin.password);
    await page.route(`**/api/reports/${fakeId}`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...huge, id: fakeId }) }),
    );
    await page.goto(`${server.url}/reports/${fakeId}/print`);
    const sheet = page.getByTestId('report-sheet');
    await sheet.waitFor();
    await page.waitForTimeout(300);
    // Scaled down to fit, not cut off.
    expect(Number(await sheet.getAttribute('data-zoom'))).toBeLessThan(1);
    expect(Number(await sheet.getAttribute('data-zoom'))).toBeGreaterThan(0.5);
    const fits = await sheet.evaluate((el) => {
      const content = el.firstElementChild!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return content.bottom <= box.bottom - parseFloat(getComputedStyle(el).paddingBottom) + 1;
    });
    expect(fits).toBe(true);
    await pageShot(page, 'report-print-view-largest');
    await page.emulateMedia({ media: 'print' });
    expect(pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }))).toBe(1);
    expect(offline(problems)).toEqual([]);
    await page.close();
  });
});
