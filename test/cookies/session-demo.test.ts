import supertest from 'supertest';
import { testApp } from '../helpers/app';

const app = testApp();

describe('GET /session-demo, the browser session page', () => {
  it("answers an HTML page whose only script is external, under the app's CSP (script-src 'self')", async () => {
    const page = await supertest(app).get('/session-demo').expect(200);

    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.text.match(/<script[^>]*>/g)).toEqual(['<script src="session-demo.js">']);
    expect(page.text).not.toMatch(/https?:\/\/|\son\w+=/); // relative links, no inline handlers
  });

  it('answers the script, which keeps the access token in memory and asks for the cookie transport', async () => {
    const script = await supertest(app).get('/session-demo.js').expect(200);

    expect(script.headers['content-type']).toMatch(/^application\/javascript/);
    expect(script.text).toContain("credentials: 'include'");
    expect(script.text).toContain("'X-Session-Transport': 'cookie'");
    expect(script.text).not.toMatch(/localStorage|sessionStorage|document\.cookie/);
  });

  it('answers 405 with an Allow header to another method', async () => {
    const res = await supertest(app).post('/session-demo').expect(405);

    expect(res.headers.allow).toBe('GET, HEAD');
  });
});
