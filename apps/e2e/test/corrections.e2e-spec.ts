import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shot, watch } from './browser.js';
import { createDesk, offline } from './desk.js';
import { startEarshot, type EarshotServer } from './earshot-server.js';

interface StoredMention {
  id: string;
  urgency: { level: string; score: number } | null;
  sentiment: { label: string } | null;
  corrected?: Record<string, string>;
}

/**
 * Corrections end to end: two agents in two browser contexts. Ana corrects a calm mention's
 * sentiment and urgency with the keyboard; Ben's open inbox shows the new level and sentiment and
 * marks the row corrected without a reload; the row keeps its place under his eyes and sorts first
 * (most urgent) when his list is read again.
 */
describe('corrections in a real browser', () => {
  let sim: SocialSim;
  let server: EarshotServer;
  let browser: Browser;
  const { api, signIn, waitForRow, publish, useAdmin, storedMention } = createDesk(
    () => server.url,
    () => sim.url,
  );

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 11 });
    server = await startEarshot({ env: { SOCIAL_SIM_URL: sim.url } });
    await useAdmin(server.admin);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sim?.close();
  });

  /** The row's position in the list (0 = top) as the page lays it out. */
  const indexOf = async (page: Page, text: string) => Number(await page.getByTestId('mention-row').filter({ hasText: text }).getAttribute('data-index'));

  it('one agent corrects sentiment and urgency; the other sees the level and the marker change live, and the new position on the next read', async () => {
    for (const [name, email] of [
      ['Ana Agent', 'ana@earshot.test'],
      ['Ben Agent', 'ben@earshot.test'],
    ] as const) {
      const created = await api('/api/users', { method: 'POST', body: { name, email, role: 'agent', password: `${email}-password` } });
      expect(created.status).toBe(201);
    }
    const calm = 'thanks for the lovely chat about opening hours';
    const urgent = 'my card was charged twice and the refund never came, please help';
    await publish(`@acme ${urgent} #corrections`);
    await publish(`@acme ${calm} #corrections`);
    const calmId = await storedMention(calm);
    const urgentId = await storedMention(urgent);
    const before = (await api<{ mention: StoredMention }>(`/api/mentions/${calmId}`)).body.mention;
    const other = (await api<{ mention: StoredMention }>(`/api/mentions/${urgentId}`)).body.mention;
    // The test needs the calm post below the other one, and a level to raise it to.
    expect(before.urgency!.level).not.toBe('critical');
    expect(before.urgency!.score).toBeLessThan(other.urgency!.score);
    const newSentiment = before.sentiment?.label === 'negative' ? 'positive' : 'negative';

    const anaContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const benContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const ana = await anaContext.newPage();
    const ben = await benContext.newPage();
    const anaWatch = watch(ana);
    const benWatch = watch(ben);
    await signIn(ana, 'ana@earshot.test', 'ana@earshot.test-password');
    await signIn(ben, 'ben@earshot.test', 'ben@earshot.test-password');
    for (const page of [ana, ben]) {
      await page
        .getByTestId('connection-status')
        .filter({ hasText: /live|connected/i })
        .waitFor();
      await waitForRow(page, calm);
      await waitForRow(page, urgent);
    }
    expect(await indexOf(ben, calm)).toBeGreaterThan(await indexOf(ben, urgent));
    // A marker that a reload would wipe.
    await ben.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // Ana opens the calm mention and corrects it from the keyboard: c opens the form.
    await (await waitForRow(ana, calm)).getByRole('button').first().click();
    await ana.getByTestId('mention-text').filter({ hasText: calm }).waitFor();
    await ana.keyboard.press('c');
    const form = ana.getByTestId('correction-form');
    await form.waitFor();
    const sentiment = form.getByLabel('Sentiment');
    expect(await sentiment.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form.getByLabel('Urgency').inputValue()).toBe(before.urgency!.level);
    await sentiment.selectOption(newSentiment);
    await form.getByLabel('Urgency').selectOption('critical');
    await shot(ana, 'corrections-01-form');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await form.waitFor({ state: 'detached' });
    await ana.getByTestId('corrected-urgency').waitFor();

    // Ben, who did nothing, sees it change: level, position (now the most urgent) and the marker.
    const benRow = ben.getByTestId('mention-row').filter({ hasText: calm });
    await benRow.getByTestId('corrected-marker').waitFor({ timeout: 10_000 });
    await expect(benRow.getByTestId('urgency-badge').innerText()).resolves.toMatch(/^Critical 70/);
    await expect(benRow.locator('.sentiment').innerText()).resolves.toBe(newSentiment === 'negative' ? 'Negative' : 'Positive');
    // Nothing moves under Ben's eyes (the queue's rule for every live change): the row keeps its place until the list is read again.
    const benBefore = await indexOf(ben, calm);
    expect(benBefore).toBeGreaterThan(await indexOf(ben, urgent));
    expect(await benRow.getByTestId('corrected-marker').getAttribute('title')).toBe('Corrected by the team: sentiment, urgency');
    expect(await ben.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await shot(ben, 'corrections-02-live-for-the-other-agent');
    // Read again (another sort and back, no page load): the api's order puts it first now, most urgent first.
    const sort = ben.getByRole('search', { name: 'Filter mentions' }).getByLabel('Sort', { exact: true });
    await sort.selectOption('newest');
    await sort.selectOption('urgency');
    await ben.waitForFunction((text) => {
      const row = [...document.querySelectorAll('[data-testid="mention-row"]')].find((r) => r.textContent?.includes(text));
      return row?.getAttribute('data-index') === '0';
    }, calm);
    expect(await indexOf(ben, calm)).toBeLessThan(await indexOf(ben, urgent));
    expect(await ben.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // The api agrees: kept with who and when.
    const after = (await api<{ mention: StoredMention; corrections: Array<{ field: string; user: { name: string } }> }>(`/api/mentions/${calmId}`)).body;
    expect(after.mention.corrected).toEqual({ sentiment: newSentiment, urgency: 'critical' });
    expect(after.corrections.map((c) => [c.field, c.user.name]).sort()).toEqual([
      ['sentiment', 'Ana Agent'],
      ['urgency', 'Ana Agent'],
    ]);
    expect(offline(anaWatch.problems)).toEqual([]);
    expect(offline(benWatch.problems)).toEqual([]);
    await anaContext.close();
    await benContext.close();
  });
});
