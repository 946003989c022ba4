import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { resolveChromium } from './browser.js';

/** The browser the e2e specs drive comes from npm, not from the system or a download. */
describe('the browser for the e2e specs', () => {
  it('is the Chromium in @sparticuz/chromium when CHROMIUM_PATH is unset (no /usr/bin/chromium needed)', async () => {
    const found = await resolveChromium({ PATH: '/nonexistent' });
    expect(found.source).toBe('@sparticuz/chromium');
    expect(found.executablePath).not.toBe('/usr/bin/chromium');
    expect(existsSync(found.executablePath)).toBe(true);
    expect(found.args).toContain("--headless='shell'");
    // Left out on purpose: the tests check what a real browser refuses, and --single-process lost the browser with its first closed page.
    for (const flag of ['--disable-web-security', '--allow-running-insecure-content', '--single-process']) expect(found.args).not.toContain(flag);
    const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args, headless: true, env: { PATH: '/nonexistent' } });
    try {
      for (let i = 0; i < 2; i += 1) {
        const page = await browser.newPage();
        await page.setContent('<p id="p">ok</p>');
        expect(await page.textContent('#p')).toBe('ok');
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  it('takes CHROMIUM_PATH when set, and says what to fix when it does not exist', async () => {
    const bundled = await resolveChromium({});
    await expect(resolveChromium({ CHROMIUM_PATH: bundled.executablePath })).resolves.toMatchObject({
      source: 'CHROMIUM_PATH',
      executablePath: bundled.executablePath,
    });
    await expect(resolveChromium({ CHROMIUM_PATH: '/no/such/chromium' })).rejects.toThrow('CHROMIUM_PATH=/no/such/chromium does not exist');
  });
});
