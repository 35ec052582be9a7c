import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// ../shared/CONTRACT.md, beside the project (CI lays it there too)
const CONTRACT = join(__dirname, '../../../shared/CONTRACT.md');

// pages a person opens in a browser: the contract names them, the API document does not describe them
const PAGES = new Set(['get /account']);

const versionOf = (heading: string) => {
  const match = /\(v(\d+)\.(\d+)\)/.exec(heading);
  return match ? Number(match[1]) + Number(match[2]) / 100 : 1;
};

/**
 * The operations the contract names, up to and including its section of `version` (e.g. '1.6.0'): every
 * `METHOD /path` in its tables and its prose, with `:param` written `{param}` and the query left out.
 */
export function contractOperations(version: string): string[] {
  const [major, minor] = version.split('.').map(Number);
  const sections = readFileSync(CONTRACT, 'utf8').split(/^## /m);
  const operations = new Set<string>();
  for (const section of sections.filter((text) => versionOf(text.split('\n')[0]) <= major + minor / 100)) {
    for (const [, method, path] of section.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[\w\-./:]*)/g)) {
      const operation = `${method.toLowerCase()} ${path.replace(/\.+$/, '').replace(/:(\w+)/g, '{$1}')}`;
      if (!PAGES.has(operation)) operations.add(operation);
    }
  }
  return [...operations].sort();
}
