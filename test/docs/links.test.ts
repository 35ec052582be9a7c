// The README and the guides under docs/ link each other and the repository's files; this keeps every link true.
// Every relative link in README.md and docs/*.md must name a file or folder that exists, and every `#anchor` a
// heading of its target (GitHub's slugs); the README links every guide, so none is orphaned, and stays short.
// Reads files only: it needs no database (jest's globalSetup starts one anyway).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const guides = readdirSync(join(root, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => join(root, 'docs', name));
const pages = [join(root, 'README.md'), ...guides];

/** The text outside fenced code blocks and inline code spans: links there are prose. */
function prose(markdown: string): string {
  return markdown
    .replace(/^( {0,3})(```|~~~)[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(`+)[^`][\s\S]*?\1/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-', repeats numbered -1, -2, … */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const withoutCode = markdown.replace(/^( {0,3})(```|~~~)[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, '');
  for (const [, text] of withoutCode.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const slug = text
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Every link target of a page's prose: [text](target "title"), with <…> targets too. */
function linksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(([, target]) => target);
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);
const name = (file: string) => relative(root, file);

describe.each(pages.map((page) => [name(page), page]))('%s', (_name, page) => {
  const markdown = readFileSync(page, 'utf8');

  it('links only to files that exist and to headings they have', () => {
    const broken: string[] = [];
    for (const target of linksOf(markdown)) {
      if (isExternal(target)) continue;
      const [path, anchor] = target.split('#', 2) as [string, string | undefined];
      const file = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
      if (!file.startsWith(root + '/') && file !== root) broken.push(`${target}: outside the repository`);
      else if (!existsSync(file)) broken.push(`${target}: no such file`);
      else if (anchor !== undefined) {
        if (!file.endsWith('.md') || statSync(file).isDirectory()) broken.push(`${target}: an anchor into a non-page`);
        else if (!anchorsOf(readFileSync(file, 'utf8')).has(decodeURIComponent(anchor)))
          broken.push(`${target}: ${name(file)} has no heading #${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('README.md', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('links every guide in docs/', () => {
    const linked = new Set(
      linksOf(readme)
        .filter((target) => !isExternal(target))
        .map((target) => resolve(root, target.split('#')[0])),
    );
    expect(guides.filter((guide) => !linked.has(guide)).map(name)).toEqual([]);
  });

  it('fits on a few screens: under 200 lines', () => {
    expect(readme.split('\n').length).toBeLessThan(200);
  });

  it('keeps the tour that scripts/newcomer-check.mjs runs, and the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    expect(readme).toMatch(/<!-- tour[^\n]*-->\n\n```sh\n[\s\S]*?\n# \{[\s\S]*?```/);
  });
});

describe('the anchor rules', () => {
  it('follow GitHub', () => {
    expect([
      ...anchorsOf(
        '# Tokens other services verify: ES256, RS256 and key rotation\n## Key rotation, as the verifier sees it\n' +
          '## `GET /account` and `POST /auth/refresh`\n## Run it\n## Run it\n```sh\n# not a heading\n```\n',
      ),
    ]).toEqual([
      'tokens-other-services-verify-es256-rs256-and-key-rotation',
      'key-rotation-as-the-verifier-sees-it',
      'get-account-and-post-authrefresh',
      'run-it',
      'run-it-1',
    ]);
  });
});
