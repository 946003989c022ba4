import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO_ROOT } from './repo-root.js';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = REPO_ROOT;
const execFileAsync = promisify(execFile);
export const SHOTS = path.join(root, 'reports/e2e');

/** Flags for a Chromium named by CHROMIUM_PATH (a desktop build, e.g. Debian's). */
const DESKTOP_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * @sparticuz/chromium's flags are made for AWS Lambda. Left out here: the two that switch
 * off the browser's own security (same-origin policy, mixed content), since these tests
 * check what a real browser refuses, and `--single-process` (a Lambda sandbox need): with
 * it, closing one page took the whole browser down and the next `newPage()` failed.
 */
const LEFT_OUT_ARGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

/**
 * Which browser to drive: CHROMIUM_PATH when set (it must exist), otherwise the Chromium
 * that `npm install` brings in @sparticuz/chromium. Nothing is downloaded at run time and
 * no system browser is needed.
 */
export async function resolveChromium(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ executablePath: string; args: string[]; source: 'CHROMIUM_PATH' | '@sparticuz/chromium' }> {
  const override = env.CHROMIUM_PATH?.trim();
  if (override) {
    if (!existsSync(override))
      throw new Error(`CHROMIUM_PATH=${override} does not exist: point it at a Chromium binary, or unset it to use the one in @sparticuz/chromium`);
    return { executablePath: override, args: DESKTOP_ARGS, source: 'CHROMIUM_PATH' };
  }
  const { default: sparticuz } = await import('@sparticuz/chromium');
  sparticuz.setGraphicsMode = false; // the dashboard draws no WebGL: --disable-webgl instead of SwiftShader
  return { executablePath: await unpackSparticuz(), args: sparticuz.args.filter((a) => !LEFT_OUT_ARGS.has(a)), source: '@sparticuz/chromium' };
}

/**
 * Unpacks @sparticuz/chromium's bundled binary once per version into
 * `<tmp>/earshot-chromium-<version>/`. The package itself unpacks straight into the temp
 * folder's `chromium`, and a second process can see that file half-written; here each
 * run unpacks into its own staging folder (a child process whose TMPDIR points there) and
 * renames it into place, so a browser is only ever launched from a complete copy.
 */
async function unpackSparticuz(): Promise<string> {
  // The package's exports map hides package.json: find it from the entry point (build/<format>/index.*).
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const pkgRoot = path.resolve(path.dirname(entry), '../..');
  const version = (JSON.parse(readFileSync(path.join(pkgRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const tmp = os.tmpdir();
  const dir = path.join(tmp, `earshot-chromium-${version}`);
  const done = path.join(dir, '.complete');
  if (existsSync(done)) return path.join(dir, 'chromium');
  const staging = mkdtempSync(path.join(tmp, `earshot-chromium-${version}-unpacking-`));
  try {
    const esm = pathToFileURL(path.join(pkgRoot, 'build/esm/index.js')).href;
    const script = `const { default: c } = await import(${JSON.stringify(esm)}); process.stdout.write(await c.executablePath(${JSON.stringify(path.join(pkgRoot, 'bin'))}));`;
    const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TMPDIR: staging },
      maxBuffer: 1 << 20,
    });
    if (path.dirname(stdout.trim()) !== staging) throw new Error(`@sparticuz/chromium unpacked to ${stdout.trim()}, expected a file in ${staging}`);
    writeFileSync(path.join(staging, '.complete'), `${version}\n`);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  try {
    renameSync(staging, dir);
  } catch (e) {
    // Another run finished first (the folder exists and is not empty): use its copy.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(done)) throw e;
  }
  return path.join(dir, 'chromium');
}

/** Headless Chromium: @sparticuz/chromium's bundled build, or CHROMIUM_PATH. Never a downloaded one. */
export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args } = await resolveChromium();
  return chromium.launch({ executablePath, args, headless: true });
}

/**
 * Collects page errors, console errors (CSP violations among them) and dialogs, and the
 * socket.io requests made over HTTP long-polling (`pollingRequests`): the dashboard's socket
 * is WebSocket-first, so where WebSockets work there should be none.
 */
export function watch(page: Page): { problems: string[]; pollingRequests: string[] } {
  const problems: string[] = [];
  const pollingRequests: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/socket.io/') && url.searchParams.get('transport') === 'polling')
      pollingRequests.push(`${r.method()} ${url.pathname}${url.search}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error' || /401|Unauthorized/.test(m.text())) return;
    const at = m.location().url; // which request failed, for "Failed to load resource" lines
    problems.push(`console: ${m.text()}${at ? ` (${at})` : ''}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { problems, pollingRequests };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * A whole-page screenshot taken at the page's full height: Playwright's `fullPage` capture
 * resizes the page under recharts' ResponsiveContainer, which then draws the charts a quarter
 * of their size. Pointer moved away first (no tooltip). E2E_SCREENS_DIR gets a copy.
 */
export async function pageShot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  const { width } = page.viewportSize() ?? { width: 1440 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(400);
  await shot(page, name);
  await page.setViewportSize({ width, height: 900 });
  const copyTo = process.env.E2E_SCREENS_DIR;
  if (copyTo) {
    mkdirSync(copyTo, { recursive: true });
    copyFileSync(path.join(SHOTS, `${name}.png`), path.join(copyTo, `${name}.png`));
  }
}
