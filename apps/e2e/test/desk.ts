import type { Locator, Page } from 'playwright-core';

/**
 * What the browser tests do with a running Earshot and simulator besides driving the page: call the
 * api as a user, sign in (api cookie or the login form), publish a post to the simulator, and wait
 * for a mention to be stored or to show in the inbox. One copy for every spec.
 */
export interface Desk {
  /** Calls the api with `cookie` (default: the admin's, once `useAdmin` ran); never throws on a status. */
  api<T = Record<string, unknown>>(path: string, init?: { method?: string; body?: unknown; cookie?: string }): Promise<{ status: number; body: T }>;
  /** Signs in through the api; the session cookie (`name=value`). */
  login(email: string, password: string): Promise<string>;
  /** Signs in the admin the server seeded and makes its cookie the default. */
  useAdmin(admin: { email: string; password: string }): Promise<string>;
  /** Publishes one post to the simulator (Mastodon unless said). */
  publish(text: string, platform?: string): Promise<void>;
  /** Signs in through the login page and waits for the inbox. */
  signIn(page: Page, email: string, password: string): Promise<void>;
  /** Waits for an inbox row containing `text`; clicks the "N new" pill if the row waits behind it. */
  waitForRow(page: Page, text: string, timeoutMs?: number): Promise<Locator>;
  /** Waits until the api has stored a mention whose text contains `text`; its id. */
  storedMention(text: string, timeoutMs?: number): Promise<string>;
}

/** The simulator's avatars point at the real platforms' hosts, which an offline machine cannot resolve. */
export const offline = (problems: string[]): string[] => problems.filter((p) => !p.includes('net::ERR_NAME_NOT_RESOLVED'));

/** `server()` and `simUrl()` are read on each call, so a spec may build its desk before `beforeAll` starts them. */
export function createDesk(serverUrl: () => string, simUrl: () => string): Desk {
  let adminCookie = '';

  const desk: Desk = {
    async api<T>(p: string, init: { method?: string; body?: unknown; cookie?: string } = {}) {
      const res = await fetch(`${serverUrl()}${p}`, {
        method: init.method ?? 'GET',
        headers: { cookie: init.cookie ?? adminCookie, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as T };
    },

    async login(email, password) {
      const res = await fetch(`${serverUrl()}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
      return res.headers.getSetCookie()[0]!.split(';')[0]!;
    },

    async useAdmin(admin) {
      adminCookie = await desk.login(admin.email, admin.password);
      return adminCookie;
    },

    async publish(text, platform = 'mastodon') {
      const res = await fetch(`${simUrl()}/_control/posts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ platform, count: 1, text }),
      });
      if (res.status !== 201) throw new Error(`sim publish: ${res.status}`);
    },

    async signIn(page, email, password) {
      await page.goto(`${serverUrl()}/login`);
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    },

    async waitForRow(page, text, timeoutMs = 40_000) {
      const row = page.getByTestId('mention-row').filter({ hasText: text });
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (await row.count()) return row.first();
        const pill = page.getByTestId('new-mentions-pill');
        if (await pill.isVisible().catch(() => false)) await pill.click();
        await page.waitForTimeout(250);
      }
      throw new Error(`no row with "${text}" within ${timeoutMs} ms`);
    },

    async storedMention(text, timeoutMs = 40_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = await desk.api<{ items?: { id: string; text: string }[] }>(`/api/mentions?q=${encodeURIComponent(text)}`);
        const hit = found.body?.items?.find((m) => m.text.includes(text));
        if (hit) return hit.id;
        await new Promise((r) => setTimeout(r, 300));
      }
      throw new Error(`no stored mention with "${text}"`);
    },
  };
  return desk;
}
