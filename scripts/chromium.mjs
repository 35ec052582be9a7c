// What the browser checks share: Debian's Chromium, launched as this machine's closed network needs it, and
// the end of a check (the problems found, or its closing line).
import { chromium } from 'playwright-core';

export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * Resolves once the page has had no request in flight for half a second (at most `timeout` ms): a check waits
 * for it before closing the browser, whose closing would abort a request the page's last render still makes
 * (the account page loads the linked identities after the profile shows) and read as a failed request.
 */
export function trackRequests(page) {
  const inFlight = new Set();
  page.on('request', (request) => inFlight.add(request));
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  return async function settled(timeout = 10000) {
    const end = Date.now() + timeout;
    let quietSince = Date.now();
    while (Date.now() < end) {
      if (inFlight.size > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 500) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`requests still in flight after ${timeout} ms: ${[...inFlight].map((r) => r.url()).join(', ')}`);
  };
}

/** Prints the problems and exits 1, or prints the closing line. */
export function finishCheck(problems, closingLine) {
  if (problems.length) {
    problems.forEach((problem) => console.error(`FAIL ${problem}`));
    process.exit(1);
  }
  console.log(closingLine);
}
