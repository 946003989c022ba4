import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import type { Browser } from 'playwright-core';
import { launchBrowser, shot, watch } from './browser.js';
import { createDesk, offline } from './desk.js';
import { startEarshot, type EarshotServer } from './earshot-server.js';
import { REPO_ROOT } from './repo-root.js';

/**
 * The screenshots the docs show go to docs/screenshots only when asked (UPDATE_DOCS_SCREENSHOTS=true),
 * so a test run never changes tracked files; otherwise beside the other runs' shots in reports/e2e.
 */
const DOCS_SHOTS = process.env.UPDATE_DOCS_SCREENSHOTS === 'true' ? path.join(REPO_ROOT, 'docs/screenshots') : path.join(REPO_ROOT, 'reports/e2e');

/**
 * Replying end to end: the built api (sending through the simulator) serves the built
 * dashboard; a real Chromium picks a template, meets the voice linter on a banned phrase,
 * applies its fix, sends, and finds the reply sent in the thread and posted once in the
 * simulator. A trainee's promise goes to the approval queue, which a manager sees live.
 */
describe('replying from the inbox in a real browser', () => {
  let sim: SocialSim;
  let server: EarshotServer;
  let browser: Browser;
  let brandId: string;

  const { api, login, signIn, waitForRow, publish, storedMention, useAdmin } = createDesk(
    () => server.url,
    () => sim.url,
  );
  const simReplies = async () => {
    const res = await fetch(`${sim.url}/_control/replies?platform=mastodon`);
    return ((await res.json()) as { replies: { text: string; inReplyTo: string }[] }).replies;
  };

  beforeAll(async () => {
    mkdirSync(DOCS_SHOTS, { recursive: true });
    sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 13 });
    server = await startEarshot({ env: { SOCIAL_SIM_URL: sim.url } });
    await useAdmin(server.admin);
    const brands = await api<{ items: { id: string; name: string; kind: string }[] }>('/api/brands');
    brandId = brands.body.items.find((b) => b.kind === 'own')!.id;
    const template = await api('/api/templates', {
      method: 'POST',
      body: {
        brandId,
        title: 'Parcel has not arrived',
        body: 'Hi {{author.name | "there"}}, I am sorry your parcel has not arrived yet. I have asked the courier to trace it today. ^{{agent.signature}}',
        intents: ['complaint'],
        categories: [],
        platform: null,
        language: null,
        shortcut: 'parcel',
      },
    });
    expect(template.status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sim?.close();
  });

  it('picks a template, is blocked on a banned phrase, applies the fix, sends, and finds the reply in the thread and the simulator', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const { problems } = watch(page);
    await signIn(page, server.admin.email, server.admin.password);
    await page
      .getByTestId('connection-status')
      .filter({ hasText: /live|connected/i })
      .waitFor();

    const marker = `parcel-${Date.now().toString(36)}`;
    await publish(`@acme my parcel never arrived, where is it? #${marker}`);
    const row = await waitForRow(page, marker);
    await row.click();
    const detail = page.getByRole('complementary', { name: 'Mention detail' });
    await detail.getByRole('button', { name: 'Reply' }).click();
    const textbox = detail.getByRole('textbox', { name: 'Reply' });
    await textbox.waitFor();

    // The template that fits a complaint, filled in with the author and the agent.
    const picker = detail.getByRole('combobox', { name: 'Template' });
    await picker.selectOption({ label: 'Parcel has not arrived (/parcel)' });
    const filled = await textbox.inputValue();
    expect(filled).toMatch(/^Hi .+, I am sorry your parcel has not arrived yet\./);
    expect(filled).not.toContain('{{');

    // A banned phrase, typed where the agent asks for the order number.
    await textbox.click();
    await textbox.press('Control+End');
    const signOff = filled.slice(filled.lastIndexOf(' ^') + 1);
    for (let i = 0; i < signOff.length; i += 1) await textbox.press('ArrowLeft');
    await textbox.pressSequentially('Could you kindly send us a DM with your order number? ');
    const send = detail.getByRole('button', { name: /^Send/ });
    const mark = detail.locator('[data-testid="lint-backdrop"] mark[data-severity="block"]', { hasText: /kindly/i });
    await mark.waitFor();
    expect(await send.isDisabled()).toBe(true);
    await detail.getByText(/blocking problem/).waitFor();
    const composer = detail.getByRole('region', { name: 'Reply' });
    await composer.scrollIntoViewIfNeeded();
    await composer.screenshot({ path: path.join(DOCS_SHOTS, 'composer-findings.png') });

    // The suggested fix, in one click.
    await detail.getByRole('button', { name: /Replace “kindly” with “please”/i }).click();
    await mark.waitFor({ state: 'detached' });
    const finalText = await textbox.inputValue();
    expect(finalText).toContain('Could you please send us a DM with your order number?');
    expect(await send.isEnabled()).toBe(true);
    await shot(page, 'replies-01-fixed');

    await textbox.press('Control+Enter');
    const ours = detail.getByTestId('our-reply').filter({ hasText: 'Could you please send us a DM' });
    await ours.waitFor();
    await detail.locator('[data-testid="our-reply"][data-status="sent"]').waitFor({ timeout: 60_000 });
    await ours.getByRole('link', { name: 'View the reply on the platform' }).waitFor();
    await shot(page, 'replies-02-sent');

    // Posted exactly once, with exactly the text the agent saw.
    const posted = (await simReplies()).filter((r) => r.text.includes('Could you please send us a DM'));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toContain(finalText);
    // The queue row says so too.
    await row.getByTestId('reply-summary').filter({ hasText: 'replied' }).waitFor();
    expect(offline(problems)).toEqual([]);
    await page.close();
  });

  it("puts a trainee's promise in the approval queue, which a manager sees live and decides", async () => {
    const trainee = await api('/api/users', {
      method: 'POST',
      body: { name: 'Tia Trainee', email: 'tia@earshot.test', role: 'trainee', password: 'tia-trainee-password' },
    });
    expect(trainee.status).toBe(201);
    const tiaCookie = await login('tia@earshot.test', 'tia-trainee-password');

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const { problems } = watch(page);
    await signIn(page, server.admin.email, server.admin.password);
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('heading', { name: 'Approvals' }).waitFor();
    await page
      .getByTestId('connection-status')
      .filter({ hasText: /live|connected/i })
      .waitFor();

    const marker = `refund-${Date.now().toString(36)}`;
    await publish(`@acme I was charged twice for my order, I want my money back #${marker}`);
    const mentionId = await storedMention(marker);
    expect((await api(`/api/mentions/${mentionId}/claim`, { method: 'POST', body: {}, cookie: tiaCookie })).status).toBe(200);
    const text = 'Hi, I am sorry you were charged twice. I have asked billing to refund the second charge today. Please send us a DM with your order number.';
    const created = await api<{ status: string }>(`/api/mentions/${mentionId}/replies`, {
      method: 'POST',
      body: { text, clientKey: `e2e-${marker}` },
      cookie: tiaCookie,
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending_approval');

    // It arrives without a reload.
    const card = page.getByTestId('approval').filter({ hasText: 'charged twice for my order' });
    await card.waitFor();
    await card.getByText('trainees’ replies are always checked').waitFor();
    await shot(page, 'replies-03-approval-queue');
    await page.screenshot({ path: path.join(DOCS_SHOTS, 'approval-queue.png'), fullPage: true });

    await card.getByRole('button', { name: 'Reject…' }).click();
    await card.getByRole('textbox', { name: 'What should the agent change?' }).fill('Do not promise the refund in public: offer the DM first.');
    await card.getByRole('button', { name: 'Reject with comment' }).click();
    await card.waitFor({ state: 'detached' });
    const replies = await api<{ items: { status: string; approval: { comment: string | null } }[] }>(`/api/replies?mentionId=${mentionId}`);
    expect(replies.body.items.map((r) => [r.status, r.approval.comment])).toEqual([['rejected', 'Do not promise the refund in public: offer the DM first.']]);
    expect((await simReplies()).filter((r) => r.text.includes('charged twice'))).toHaveLength(0);
    expect(offline(problems)).toEqual([]);
    await page.close();
  });
});
