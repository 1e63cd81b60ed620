// Opens every page of the built report (report/build, written by python -m ids.report) in headless
// Chromium, as a reader would, and fails when a page throws, shows an error banner, lacks one of its
// headline figures (listed in .ids_report.json) or shows it without a number, or has a serious or
// critical accessibility violation (axe-core: WCAG 2.0/2.1 A and AA and Section 508 rules). Saves a
// full-page screenshot of each page under report/screenshots/. The site is served from 127.0.0.1 by
// a small static server started here, and nothing else is contacted.
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
// An empty profile of its own (playwright passes it as --user-data-dir).
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ids-report-chromium-')), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
mkdirSync(SHOTS, { recursive: true });

const failures = [];
let checked = 0;
try {
  for (const [route, expected] of Object.entries(summary.pages)) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
    page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()}`));
    const response = await page.goto(`${base}/${route}`, { waitUntil: 'load', timeout: 60000 });
    if (!response || !response.ok()) errors.push(`HTTP ${response?.status()}`);
    for (const banner of await page.locator('[role="alert"], .ids-error').allInnerTexts()) {
      errors.push(`error banner shown: ${banner.slice(0, 200)}`);
    }
    if (!(await page.locator('h1').count())) errors.push('no page heading');
    for (const title of expected.headlines) {
      const card = page.locator(`[data-headline="${title}"]`);
      if (!(await card.count())) { errors.push(`headline "${title}" missing`); continue; }
      const value = await card.locator('.value').innerText();
      if (!/[0-9]/.test(value)) errors.push(`headline "${title}" shows no figure ("${value}")`);
    }
    const name = route.replace(/\.html$/, '');
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
