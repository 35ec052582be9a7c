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

/** Prints the problems and exits 1, or prints the closing line. */
export function finishCheck(problems, closingLine) {
  if (problems.length) {
    problems.forEach((problem) => console.error(`FAIL ${problem}`));
    process.exit(1);
  }
  console.log(closingLine);
}
