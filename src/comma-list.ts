/** A setting that lists values (`a, b,c`): the entries, trimmed, empty ones dropped. */
export const commaList = (value: string): string[] =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
