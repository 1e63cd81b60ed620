// Opens every page of the built report (report/build) in headless Chromium, as a reader would, and
// fails when a page throws, shows an error, lacks one of its headline figures (the BigValue titles
// python -m ids.report listed in .ids_report.json), or has a serious accessibility violation
// (axe-core, WCAG 2 A/AA and Section 508 rules). Saves a full-page screenshot of each page under
// report/screenshots/. The site is served from 127.0.0.1 by a small static server started here.
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
const summary = JSON.parse(readFileSync('.ids_report.json', 'utf8'));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.parquet': 'application/octet-stream', '.wasm': 'application/wasm', '.arrow': 'application/octet-stream',
};

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
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
    `--user-data-dir=${mkdtempSync(join(tmpdir(), 'ids-report-chromium-'))}`],
});
mkdirSync(SHOTS, { recursive: true });

const failures = [];
let checked = 0;
try {
  for (const [route, expected] of Object.entries(summary.pages)) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
    page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()}`));
    const response = await page.goto(base + route, { waitUntil: 'networkidle', timeout: 120000 });
    if (!response || !response.ok()) errors.push(`HTTP ${response?.status()}`);
    // Evidence renders its queries in the browser (DuckDB-WASM): wait until no figure is loading.
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="loading"], .animate-pulse'),
      null, { timeout: 60000 },
    ).catch(() => errors.push('figures still loading after 60 s'));
    await page.waitForTimeout(500);

    const text = await page.locator('body').innerText();
    for (const banner of ['Error in query', 'Error', 'Query error', 'Could not load', 'Unknown error']) {
      const n = await page.locator(`text=/^\\s*${banner}\\b/`).count();
      if (n > 0 && !/Errors?:\s*0/.test(text)) { errors.push(`error banner "${banner}" shown`); break; }
    }
    for (const title of expected.headlines) {
      const card = page.locator('div', { has: page.locator(`text="${title}"`) }).last();
      const cardText = (await card.count()) ? await card.innerText() : '';
      if (!text.includes(title)) errors.push(`headline "${title}" missing`);
      else if (!/[0-9]/.test(cardText.replace(title, ''))) errors.push(`headline "${title}" has no figure`);
    }
    const name = route === '/' ? 'index' : route.replace(/^\//, '').replace(/\//g, '_');
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
    console.log(`${errors.length ? 'FAIL' : 'ok  '} ${route}: ${expected.headlines.length} headline(s), ` +
      `${expected.not_published.length} section(s) not in the package, axe: ${serious.length} serious, ` +
      `${minor} minor -> ${join('report', SHOTS, `${name}.png`)}`);
    for (const e of errors) { console.log(`       ${e}`); failures.push(`${route}: ${e}`); }
    checked += 1;
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${checked - new Set(failures.map((f) => f.split(':')[0])).size} passed, ` +
  `${new Set(failures.map((f) => f.split(':')[0])).size} failed`);
process.exit(failures.length ? 1 : 0);
