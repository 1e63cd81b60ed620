// Opens every page of the built Evidence report (report/build) in headless Chromium, as an offline
// reader would: the site is served from 127.0.0.1 by a small static server started here, and every
// request to any other host is aborted and fails the test. A page fails when it throws, logs an
// error, shows an Evidence error ("Error in Query", "error" in a figure), lacks its heading or one
// of its headline figures (tests/pages.json) or shows a figure without a number, or has a serious
// or critical accessibility violation (axe-core: WCAG 2.0/2.1 A and AA and Section 508 rules).
// Saves a full-page screenshot of each page under report/screenshots/.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const BUILD = 'build';
const SHOTS = 'screenshots';
const { pages } = JSON.parse(readFileSync('tests/pages.json', 'utf8'));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.webmanifest': 'application/manifest+json',
  '.parquet': 'application/octet-stream', '.wasm': 'application/wasm',
};
// DuckDB-WASM reads Parquet by HTTP range requests when the server answers them; this one does not,
// so it reads each (small) file whole and says so.
// Evidence's one service worker only adds no-cache headers for Windows (fix-tprotocol-service-worker.js);
// it is blocked here so that every request of the page goes through the offline check below.
const EXPECTED_WARNINGS = [/falling back to full HTTP read/, /Service Worker registration blocked by Playwright/];

function serve() {
  const server = createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let path = normalize(join(BUILD, url));
    if (!path.startsWith(BUILD)) { res.writeHead(403).end(); return; }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path) && existsSync(`${path}.html`)) path = `${path}.html`;
    if (!existsSync(path)) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
// An empty profile of its own (playwright passes it as --user-data-dir).
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ids-report-chromium-')), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  serviceWorkers: 'block',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
// Offline: only the site itself answers.
const outside = [];
await browser.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith(`${base}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
  outside.push(url);
  return route.abort('internetdisconnected');
});
mkdirSync(SHOTS, { recursive: true });

const failures = [];
let checked = 0;
try {
  for (const [route, expected] of Object.entries(pages)) {
    const page = await browser.newPage();
    const errors = [];
    const before = outside.length;
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text().slice(0, 300)}`);
      if (msg.type() === 'warning' && !EXPECTED_WARNINGS.some((re) => re.test(msg.text()))) {
        errors.push(`console warning: ${msg.text().slice(0, 300)}`);
      }
    });
    // The page cancels its own prerendered-result fetches once DuckDB-WASM has answered (ERR_ABORTED).
    page.on('requestfailed', (req) => {
      const why = req.failure()?.errorText ?? '';
      if (!(why === 'net::ERR_ABORTED' && req.url().startsWith(`${base}/`))) errors.push(`request failed: ${req.url()} (${why})`);
    });
    const response = await page.goto(`${base}/${route}`, { waitUntil: 'networkidle', timeout: 120000 });
    if (!response || !response.ok()) errors.push(`HTTP ${response?.status()}`);
    const heading = page.locator('h1').first();
    if (!(await heading.count())) errors.push('no page heading');
    else if ((await heading.innerText()).trim() !== expected.title) {
      errors.push(`heading "${(await heading.innerText()).trim()}", expected "${expected.title}"`);
    }
    for (const title of expected.headlines) {
      const card = page.locator(`[data-headline="${title}"] .value`);
      if (!(await card.count())) { errors.push(`headline "${title}" missing`); continue; }
      // The pages query DuckDB-WASM in the browser after hydration: wait for the figure.
      try {
        await page.waitForFunction((el) => /[0-9]/.test(el.innerText) && !/error/i.test(el.innerText),
          await card.elementHandle(), { timeout: 60000 });
      } catch {
        errors.push(`headline "${title}" shows no figure ("${(await card.innerText()).trim()}")`);
      }
    }
    await page.waitForLoadState('networkidle');
    const body = await page.locator('body').innerText();
    for (const m of body.matchAll(/Error in [A-Za-z]+!?[^\n]{0,120}/g)) errors.push(`error shown: ${m[0]}`);
    if (outside.length > before) errors.push(`asked for ${outside.slice(before).join(', ')}`);
    const name = route || 'index';
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

    await page.addScriptTag({ path: AXE });
    const axe = await page.evaluate(async () => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'section508'] },
    }));
    const serious = axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    for (const v of serious) {
      errors.push(`accessibility (${v.impact}) ${v.id}: ${v.help} [${v.nodes.length} element(s): ` +
        `${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}]`);
    }
    const minor = axe.violations.length - serious.length;
    console.log(`${errors.length ? 'FAIL' : 'ok  '} /${route}: ${expected.headlines.length} headline(s), ` +
      `axe: ${serious.length} serious, ${minor} minor -> ${join('report', SHOTS, `${name}.png`)}`);
    for (const e of errors) { console.log(`       ${e}`); failures.push(`${name}: ${e}`); }
    checked += 1;
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
const failed = new Set(failures.map((f) => f.split(':')[0])).size;
console.log(`${checked - failed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
