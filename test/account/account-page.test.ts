import supertest from 'supertest';
import { testApp } from '../helpers/app';

// The page itself is driven in Chromium by scripts/account-browser-check.mjs (CI); here: what the app serves.
const app = testApp();
const scriptsOf = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attributes, body]) => ({ attributes, body }));

describe('GET /account', () => {
  it("answers the page as HTML under the app's Content-Security-Policy: scripts from the app only, none inline", async () => {
    const res = await supertest(app).get('/account').expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers['content-security-policy']).toContain("script-src-attr 'none'");
    expect(res.text).not.toMatch(/https?:\/\//); // no CDN: relative links only, so a stage prefix (/dev/account) works too
    expect(res.text).not.toMatch(/\son\w+=|\sstyle=|<style/i);
    const scripts = scriptsOf(res.text);
    expect(scripts.map(({ attributes }) => attributes.match(/src="([^"]+)"/)?.[1])).toEqual([
      'account/assets/webauthn.js',
      'account/assets/account.js',
    ]);
    expect(scripts.every(({ body }) => body.trim() === '')).toBe(true);
  });

  it("serves the page's scripts and style, and @simplewebauthn/browser from its npm package", async () => {
    for (const file of [
      'account.js',
      'signed-in.js',
      'signed-out.js',
      'ui.js',
      'api.js',
      'tokens.js',
      'reauth.js',
      'orgs.js',
      'org-members.js',
      'org-invitations.js',
      'webauthn.js',
    ]) {
      const res = await supertest(app).get(`/account/assets/${file}`).expect(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
    }
    await supertest(app).get('/account/assets/account.css').expect(200).expect('content-type', /css/);
    const webauthn = await supertest(app).get('/account/assets/webauthn.js');
    expect(webauthn.text).toContain('SimpleWebAuthnBrowser');
  });

  it('keeps tokens in the memory of one module: no token in Web Storage, no readable cookie', async () => {
    const sources = await Promise.all(
      ['account.js', 'signed-in.js', 'signed-out.js', 'ui.js', 'api.js', 'tokens.js', 'reauth.js', 'providers.js'].map(
        async (file) => (await supertest(app).get(`/account/assets/${file}`)).text,
      ),
    );

    for (const source of sources) expect(source).not.toMatch(/sessionStorage|document\.cookie/);
    expect(sources.filter((source) => /let access = null/.test(source))).toHaveLength(1);
    // v1.7: Web Storage keeps one flag, no secret: that this browser signed in (a first visit then asks nothing)
    const storageCalls = sources.flatMap((source) => source.match(/localStorage\.\w+\([^)]*\)/g) ?? []);
    expect(storageCalls.length).toBeGreaterThan(0);
    for (const call of storageCalls)
      expect(call).toMatch(/^localStorage\.(setItem|getItem|removeItem)\(HINT(, '1')?\)$/);
    expect(sources.join('\n')).toMatch(/const HINT = 'authgate\.signedIn';/);
  });

  it("answers the page at /accept-invitation too: where an invitation mail's link lands (APP_URL's default)", async () => {
    const page = await supertest(app).get('/accept-invitation?token=abc').expect(200);
    const account = await supertest(app).get('/account').expect(200);

    expect(page.text).toBe(account.text);
  });

  it('answers 404 NOT_FOUND for an asset it does not have, and 405 for another method', async () => {
    await supertest(app)
      .get('/account/assets/nothing.js')
      .expect(404)
      .expect('content-type', /problem\+json/);
    await supertest(app).get('/account/assets/../../config.ts').expect(404);
    await supertest(app).post('/account').expect(405).expect('allow', 'GET, HEAD');
  });
});
