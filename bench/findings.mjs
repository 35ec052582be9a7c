// What the figures led to: kept by hand, since a run measures only the code as it is now.
export const findings = [
  '## Findings',
  '',
  '- 2026-11-25 (earlier): profile / bare read was 0.77–0.80. jsonwebtoken\'s verify took a tenth of the server core (the',
  '  same token verified on every request) and pino-http another 6%. Fixes: the token module remembers a verified token, by',
  '  its whole text, until it expires; the request log is a small middleware. The bench then said 0.91–0.98, but it pinned',
  '  the load generator and the database together on one core, which was the saturated one: the bare route answered 3,329/s',
  '  there against 8,000+ unpinned, so neither route could go faster and the ratio could not fall (issue 17).',
];
