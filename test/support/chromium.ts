/**
 * A real Chromium for tests that render pages. Under CI (`CI` set) a missing browser fails the test
 * run: .ci/run installs Debian's chromium, so its absence there is a broken set-up, not a reason to skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser's path; undefined outside CI when none is installed (the caller skips and says why). */
export function findChromium(what: string): string | undefined {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  if (process.env.CI) throw new Error(`${what}: no Chromium found under CI (looked in ${CANDIDATES.join(', ')}); .ci/run must install it`);
  console.warn(`${what} skipped: no Chromium installed (apt-get install chromium; .ci/run installs it)`);
  return undefined;
}

/** Loads `html` from a file in headless Chromium: the DOM it built and the size of a full-page screenshot. */
export function renderInChromium(
  chromium: string,
  html: string,
  options: { width?: number; height?: number; screenshot?: string } = {},
): { dom: string; png: string; pngBytes: number } {
  const work = mkdtempSync(join(tmpdir(), 'pos-page-'));
  const page = join(work, 'page.html');
  const png = options.screenshot ?? join(work, 'page.png');
  writeFileSync(page, html);
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${join(work, 'profile')}`,
  ];
  const dom = execFileSync(chromium, [...flags, '--dump-dom', `file://${page}`], {
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  execFileSync(
    chromium,
    [...flags, `--screenshot=${png}`, `--window-size=${options.width ?? 1000},${options.height ?? 1400}`, `file://${page}`],
    {
      timeout: 60_000,
      stdio: 'ignore',
    },
  );
  return { dom, png, pngBytes: statSync(png).size };
}
