// The docs page in a real browser: Debian's Chromium, driven by playwright-core, loads /docs from the built
// server, must list every route of the document with no console error, and leaves a screenshot.
import { mkdirSync } from 'node:fs';
import { finishCheck, launchChromium } from './chromium.mjs';
import { serveForCheck } from './serve-for-check.mjs';

const screenshot = new URL('../docs/screenshots/docs-page.png', import.meta.url).pathname;
const { base, stop } = await serveForCheck('docs');
const browser = await launchChromium();
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on(
    'response',
    (response) => response.status() >= 400 && problems.push(`${response.status()} for ${response.url()}`),
  );
  await page.goto(`${base}/docs`, { waitUntil: 'networkidle' });
  await page.waitForSelector('.opblock', { timeout: 15000 });
  const shown = await page.$$eval('.opblock', (blocks) =>
    blocks.map(
      (block) =>
        `${block.querySelector('.opblock-summary-method')?.textContent?.toLowerCase()} ${block.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
    ),
  );
  const document = await (await fetch(`${base}/openapi.json`)).json();
  const expected = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method} ${path}`),
  );
  for (const route of expected) if (!shown.includes(route)) problems.push(`route not listed: ${route}`);
  mkdirSync(new URL('.', `file://${screenshot}`).pathname, { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(
    `docs page: ${shown.length} of ${expected.length} routes listed; screenshot at docs/screenshots/docs-page.png`,
  );
} finally {
  await browser.close();
  await stop();
}
finishCheck(problems, 'ok   no console errors');
