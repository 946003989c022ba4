import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import type { Browser } from 'playwright-core';
import { launchBrowser, shot, watch } from './browser.js';
import { createDesk, offline } from './desk.js';
import { startEarshot, type EarshotServer } from './earshot-server.js';

/**
 * The live inbox end to end: the built api (polling the local simulator, as `npm start`
 * runs it) serves the built dashboard; a real Chromium watches a mention arrive, filters,
 * claims, resolves, and shows attacker-controlled text as text.
 */
describe('live inbox in a real browser', () => {
  let sim: SocialSim;
  let server: EarshotServer;
  let browser: Browser;
  const { api, login, signIn, waitForRow, publish, useAdmin } = createDesk(
    () => server.url,
    () => sim.url,
  );

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 7 });
    server = await startEarshot({ env: { SOCIAL_SIM_URL: sim.url } });
    await useAdmin(server.admin);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sim?.close();
  });

  it('shows a new mention from the simulator live, filters, claims and resolves it', async () => {
    const created = await api('/api/users', {
      method: 'POST',
      body: { name: 'Dana Agent', email: 'dana@earshot.test', role: 'agent', password: 'dana-agent-password' },
    });
    expect(created.status).toBe(201);
    const other = await api('/api/users', {
      method: 'POST',
      body: { name: 'Sam Agent', email: 'sam@earshot.test', role: 'agent', password: 'sam-agent-password' },
    });
    expect(other.status).toBe(201);
    const samCookie = await login('sam@earshot.test', 'sam-agent-password');

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const { problems, pollingRequests } = watch(page);
    await signIn(page, 'dana@earshot.test', 'dana-agent-password');
    await page
      .getByTestId('connection-status')
      .filter({ hasText: /live|connected/i })
      .waitFor();

    // A customer posts; the poller stores it; the socket brings it to the open inbox.
    await publish('@acme my parcel never arrived and the tracking page is down #e2e');
    const row = await waitForRow(page, 'my parcel never arrived');
    await shot(page, 'inbox-01-live-mention');

    // Filter: full-text search narrows the list to it.
    await page.getByRole('search', { name: 'Filter mentions' }).getByLabel('Search').fill('parcel tracking');
    await page.waitForTimeout(800);
    const rows = page.getByTestId('mention-row');
    expect(await rows.count()).toBe(1);
    await expect(rows.first().innerText()).resolves.toContain('my parcel never arrived');

    // Open and claim it for a reply; another agent is refused while Dana holds it.
    await row.click();
    const detail = page.getByRole('complementary', { name: 'Mention detail' });
    await detail.waitFor();
    await detail.getByRole('button', { name: 'Reply' }).click();
    await detail.getByRole('textbox', { name: 'Reply' }).waitFor();
    const id = (await row.getAttribute('data-mention-id'))!;
    const refused = await api(`/api/mentions/${id}/claim`, { method: 'POST', body: {}, cookie: samCookie });
    expect(refused.status).toBe(409);
    expect(String(refused.body?.message)).toContain('Dana Agent is replying');
    await shot(page, 'inbox-02-claimed');

    // Resolve: it leaves the open queue, and the api agrees.
    await detail.getByRole('button', { name: 'Resolve' }).click();
    await page.getByTestId('mention-row').filter({ hasText: 'my parcel never arrived' }).waitFor({ state: 'detached' });
    const stored = await api(`/api/mentions/${id}`);
    expect((stored.body?.mention as { status: string }).status).toBe('resolved');
    await shot(page, 'inbox-03-resolved');
    expect(offline(problems)).toEqual([]);
    expect(pollingRequests).toEqual([]); // the socket went straight to WebSocket
    await page.close();
  });

  it('shows a hostile post as text and runs nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const { problems } = watch(page);
    await signIn(page, server.admin.email, server.admin.password);
    const hostile = '<img src=x onerror=alert(1)>';
    // A Mastodon mention of @acme whose own words are the payload (Mastodon puts the @mention first).
    await publish(hostile);
    const row = await waitForRow(page, hostile);
    expect(await row.locator('img').count()).toBe(0);
    await row.click();
    const text = page.getByTestId('mention-text');
    await text.waitFor();
    expect(await text.textContent()).toBe(`@acme ${hostile}`);
    expect(await page.locator('[data-testid="mention-text"] img, [data-testid="mention-row"] img[src="x"]').count()).toBe(0);
    await page.waitForTimeout(300);
    await shot(page, 'inbox-04-hostile-text');
    expect(offline(problems)).toEqual([]);
    await page.close();
  });

  it('shows the "N new" pill without covering any row\'s text', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const { problems, pollingRequests } = watch(page);
    await signIn(page, server.admin.email, server.admin.password);
    await page
      .getByTestId('connection-status')
      .filter({ hasText: /live|connected/i })
      .waitFor();
    await publish('@acme the first post of the pill test is already in the list #pill');
    await waitForRow(page, 'the first post of the pill test');
    const list = page.getByRole('list', { name: 'Mentions' });
    const firstRow = page.getByTestId('mention-row').first();
    const listBefore = await list.boundingBox();
    const rowBefore = await firstRow.boundingBox();

    // The next one waits behind the pill, so the list does not move while the agent reads.
    await publish('@acme the second post of the pill test waits behind the pill #pill');
    const pill = page.getByTestId('new-mentions-pill');
    await pill.waitFor();
    await expect(pill.innerText()).resolves.toBe('1 new');
    await shot(page, 'inbox-05-new-pill');

    // Every piece of row text the list shows (clipped to the list's viewport), against the pill's box.
    const covered = await page.evaluate(() => {
      const pillBox = document.querySelector('[data-testid="new-mentions-pill"]')!.getBoundingClientRect();
      const view = document.querySelector('[role="list"][aria-label="Mentions"]')!.getBoundingClientRect();
      const hits: string[] = [];
      for (const row of document.querySelectorAll('[data-testid="mention-row"]')) {
        const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent?.trim() ?? '';
          if (!text) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const r of range.getClientRects()) {
            const top = Math.max(r.top, view.top);
            const bottom = Math.min(r.bottom, view.bottom);
            if (bottom <= top) continue; // scrolled out of the list's view
            if (r.left < pillBox.right && r.right > pillBox.left && top < pillBox.bottom && bottom > pillBox.top) hits.push(text.slice(0, 60));
          }
        }
      }
      return hits;
    });
    expect(covered).toEqual([]);
    // Room for the pill is kept all the time: its arrival moved neither the list nor its rows.
    expect(await list.boundingBox()).toEqual(listBefore);
    expect(await firstRow.boundingBox()).toEqual(rowBefore);

    await pill.click();
    await waitForRow(page, 'the second post of the pill test');
    await pill.waitFor({ state: 'detached' });

    // Signing out from the live inbox: the socket closes first, so nothing of it errs afterwards.
    await page.getByRole('button', { name: /Account/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.waitForTimeout(500);
    expect(offline(problems)).toEqual([]);
    expect(pollingRequests).toEqual([]);
    await page.close();
  });
});
