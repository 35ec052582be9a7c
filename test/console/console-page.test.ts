import supertest from 'supertest';
import { ADMIN_KEY } from '../admin/admin-helpers';
import { testApp } from '../helpers/app';

// The page itself is driven in Chromium by scripts/console-browser-check.mjs (CI); here: what the app serves.
const withKeys = testApp({ ADMIN_API_KEYS: ADMIN_KEY });
const scriptsOf = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attributes, body]) => ({ attributes, body }));
const files = [
  'console.js',
  'api.js',
  'ui.js',
  'users.js',
  'audit.js',
  'logic.js',
  'event-types.js',
  'orgs.js',
  'webhooks.js',
];

describe('GET /console', () => {
  it('answers 404 NOT_FOUND, page and assets alike, when ADMIN_API_KEYS is not set', async () => {
    const app = testApp();

    await supertest(app)
      .get('/console')
      .expect(404)
      .expect('content-type', /problem\+json/);
    await supertest(app).get('/console/assets/console.js').expect(404);
  });

  it("answers the page as HTML under the app's Content-Security-Policy when ADMIN_API_KEYS is set", async () => {
    const res = await supertest(withKeys).get('/console').expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers['content-security-policy']).toContain("script-src-attr 'none'");
    expect(res.text).not.toMatch(/https?:\/\//); // no CDN: relative links only, so a stage prefix works too
    expect(res.text).not.toMatch(/\son\w+=|\sstyle=|<style/i);
    const scripts = scriptsOf(res.text);
    expect(scripts.map(({ attributes }) => attributes.match(/src="([^"]+)"/)?.[1])).toEqual([
      'console/assets/console.js',
    ]);
    expect(scripts.every(({ body }) => body.trim() === '')).toBe(true);
  });

  it("serves the page's scripts and style", async () => {
    for (const file of files)
      await supertest(withKeys)
        .get(`/console/assets/${file}`)
        .expect(200)
        .expect('content-type', /javascript/);
    await supertest(withKeys).get('/console/assets/console.css').expect(200).expect('content-type', /css/);
  });

  it('keeps the key out of Web Storage and cookies: no script names them', async () => {
    const sources = await Promise.all(
      files.map(async (file) => (await supertest(withKeys).get(`/console/assets/${file}`)).text),
    );

    for (const source of sources) expect(source).not.toMatch(/localStorage|sessionStorage|document\.cookie|indexedDB/);
  });

  it('answers 404 for an asset it does not have, and 405 for another method', async () => {
    await supertest(withKeys).get('/console/assets/nothing.js').expect(404);
    await supertest(withKeys).get('/console/assets/../../config.ts').expect(404);
    await supertest(withKeys).post('/console').expect(405).expect('allow', 'GET, HEAD');
  });
});
