import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shot, watch } from './browser.js';
import { startEarshot, type EarshotServer } from './earshot-server.js';
import { startNoWebSocketProxy } from './no-websocket-proxy.js';

/**
 * The product end to end: the built api serves the built dashboard on one port, on a
 * fresh database, and a real Chromium signs in, manages users and is refused pages its
 * role may not open.
 */
describe('dashboard in a real browser', () => {
  let server: EarshotServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startEarshot();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('serves the login page for a deep link and returns there after signing in', async () => {
    const page = await browser.newPage();
    const { problems, pollingRequests } = watch(page);
    await page.goto(`${server.url}/settings/users`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot(page, '01-login');
    await signIn(page, server.admin.email, 'a-wrong-password');
    await page.getByText('Wrong e-mail or password.').waitFor();
    await signIn(page, server.admin.email, server.admin.password);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings/users');
    const nav = page.getByRole('navigation').first();
    for (const item of ['Inbox', 'Analytics', 'Reports', 'Settings']) await nav.getByRole('link', { name: item }).waitFor();
    await shot(page, '02-users-as-admin');
    expect(problems).toEqual([]);
    expect(pollingRequests).toEqual([]);
    await page.close();
  });

  it('lets an admin add an agent, whose hostile name stays text, and the agent sees only their pages', async () => {
    const page = await browser.newPage();
    const { problems, pollingRequests } = watch(page);
    await page.goto(`${server.url}/login`);
    await signIn(page, server.admin.email, server.admin.password);
    await page.getByRole('navigation').first().getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add user' }).click();
    const hostile = '<img src=x onerror="window.__xss=1">Agent';
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Name').fill(hostile);
    await form.getByLabel('E-mail').fill('agent.one@earshot.test');
    await form.getByLabel('Role').selectOption('agent');
    await form.getByLabel('Initial password').fill('agent-one-password');
    await form.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('cell', { name: hostile }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await shot(page, '03-user-added');

    await page.getByRole('button', { name: /Account/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await signIn(page, 'agent.one@earshot.test', 'agent-one-password');
    const nav = page.getByRole('navigation').first();
    await nav.getByRole('link', { name: 'Inbox' }).waitFor();
    // Agents read the reply templates, the voice guide and Learning (model versions, phrase rules) in Settings; nothing else there is theirs.
    await nav.getByRole('link', { name: 'Settings' }).click();
    const tabs = page.getByRole('navigation', { name: 'Settings' });
    await tabs.getByRole('link', { name: 'Templates' }).waitFor();
    expect(await tabs.getByRole('link').allTextContents()).toEqual(['Templates', 'Voice guide', 'Learning']);
    // Agents read Analytics too (the api lets every role read it; their own team figures are there).
    await nav.getByRole('link', { name: 'Analytics' }).waitFor();
    await nav.getByRole('link', { name: 'Reports' }).waitFor();
    await page.goto(`${server.url}/settings/users`);
    await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
    await shot(page, '04-agent-denied');
    expect(problems).toEqual([]);
    // The inbox socket went straight to WebSocket: no polling request could outlive its session.
    expect(pollingRequests).toEqual([]);
    await page.close();
  });

  it('goes live over long-polling behind a proxy that refuses WebSockets, and signs out from the inbox cleanly', async () => {
    const proxy = await startNoWebSocketProxy(server.url);
    const page = await browser.newPage();
    try {
      const { problems, pollingRequests } = watch(page);
      await page.goto(`${proxy.url}/login`);
      await signIn(page, server.admin.email, server.admin.password);
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
      await page
        .getByTestId('connection-status')
        .filter({ hasText: /live|connected/i })
        .waitFor();
      expect(proxy.refusedUpgrades).toBeGreaterThanOrEqual(1); // WebSocket was tried first…
      expect(pollingRequests.length).toBeGreaterThan(0); // …and polling carried the connection
      await page.waitForTimeout(1_500); // a long-poll parked on the server, as when someone reads the inbox

      await page.getByRole('button', { name: /Account/ }).click();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.waitForTimeout(1_000);
      // Only the refused upgrades may show (Chromium logs each one); no request of the closed session may fail.
      const refused = /WebSocket connection to .* failed/;
      expect(problems.filter((p) => !refused.test(p))).toEqual([]);
      expect(problems.filter((p) => refused.test(p)).length).toBeLessThanOrEqual(proxy.refusedUpgrades);
    } finally {
      await page.close();
      await proxy.close();
    }
  });

  it('answers the health check and the API docs on the same port', async () => {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const page = await browser.newPage();
    await page.goto(`${server.url}/api/docs`);
    await page.getByText('Earshot API').first().waitFor();
    await shot(page, '05-api-docs');
    await page.close();
  });
});
