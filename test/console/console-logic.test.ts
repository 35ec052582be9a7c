import { AUDIT_EVENT_TYPES } from '../../src/audit/audit.model';
import { WEBHOOK_EVENT_TYPES } from '../../src/webhooks/events';

// The console page's logic is a browser ES module with no types: imported as it is served (jest compiles it with
// esbuild, see jest.config.js), and typed here by what the tests use of it.
type Failure = { status?: number; problem?: unknown; retryAfter?: string | null; offline?: boolean };
type Pager = {
  cursor: string | undefined;
  hasNext: boolean;
  hasPrevious: boolean;
  number: number;
  read(next: string | null): void;
  forward(): void;
  back(): void;
  reset(): void;
};
type ConsoleLogic = {
  queryOf(fields: Record<string, unknown>): string;
  premiumEndsOf(day: string): string | null;
  premiumText(user: { premium: boolean; premiumEnds: string | null }, now?: Date): string;
  failureText(failure: Failure): string;
  placeOf(hash: string): { section: string; id: string | null };
  actorText(actor: string): string;
  otherFacts(user: Record<string, unknown>): [string, string][];
  Pager: new () => Pager;
  AUDIT_TYPES: string[];
  WEBHOOK_EVENTS: string[];
  identitiesText(identities?: { provider: string; email: string | null; linkedAt: string }[]): string;
  deliveryText(delivery: {
    status: string;
    attempts: number;
    lastStatusCode: number | null;
    nextAttemptAt: string | null;
  }): string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped ES module, see above
const logic = require('../../src/console/console-page/logic.js') as ConsoleLogic;

describe("the console's queries and dates", () => {
  it('builds a query string of the fields that are given, trimmed, and none when all are empty', () => {
    expect(logic.queryOf({ email: ' ada@ ', limit: 20, cursor: undefined, type: '' })).toBe('?email=ada%40&limit=20');
    expect(logic.queryOf({ email: '  ', userId: null })).toBe('');
  });

  it('reads a date input as the end of that day in UTC, and an empty one as no end', () => {
    expect(logic.premiumEndsOf('2027-11-25')).toBe('2027-11-25T23:59:59.999Z');
    expect(logic.premiumEndsOf('')).toBeNull();
    expect(() => logic.premiumEndsOf('25/11/2027')).toThrow(/YYYY-MM-DD/);
    expect(() => logic.premiumEndsOf('2027-13-40')).toThrow(/exists/);
  });

  it('says premium as the tokens do: on with no end, on until a day to come, off once that day passed', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(logic.premiumText({ premium: false, premiumEnds: null }, now)).toBe('no');
    expect(logic.premiumText({ premium: true, premiumEnds: null }, now)).toBe('yes, with no end');
    expect(logic.premiumText({ premium: true, premiumEnds: '2027-11-25T00:00:00.000Z' }, now)).toBe(
      'yes, until 2027-11-25',
    );
    expect(logic.premiumText({ premium: true, premiumEnds: '2026-11-25T00:00:00.000Z' }, now)).toBe(
      'no: ended 2026-11-25',
    );
  });
});

describe("the console's failures, in words", () => {
  it('says a refused key, an unreachable server and a 429 with its Retry-After', () => {
    expect(logic.failureText({ status: 401, problem: { code: 'UNAUTHORIZED' } })).toMatch(/admin key was refused/);
    expect(logic.failureText({ offline: true })).toMatch(/could not be reached/);
    expect(logic.failureText({ status: 429, retryAfter: '30' })).toBe('Too many requests: try again in 30 seconds.');
    expect(logic.failureText({ status: 429, retryAfter: '1' })).toBe('Too many requests: try again in 1 second.');
    expect(logic.failureText({ status: 429, retryAfter: null })).toMatch(/wait a moment/);
  });

  it("says the API's own detail and its fields for a 4xx, and the status for a 5xx", () => {
    const problem = {
      detail: 'Request validation failed',
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'premiumEnds', message: 'Invalid ISO datetime' }],
    };
    expect(logic.failureText({ status: 400, problem })).toBe(
      'Request validation failed · premiumEnds: Invalid ISO datetime',
    );
    expect(logic.failureText({ status: 404, problem: { detail: 'No such user' } })).toBe('No such user');
    expect(logic.failureText({ status: 503, problem: { code: 'SERVICE_UNAVAILABLE' } })).toBe(
      'The server failed (503 SERVICE_UNAVAILABLE): try again.',
    );
    expect(logic.failureText({ status: 502, problem: null })).toBe('The server failed (502): try again.');
  });
});

describe("the console's places and pages", () => {
  it('reads the section and a user id from the address, users by default, and no id that is not one', () => {
    expect(logic.placeOf('')).toEqual({ section: 'users', id: null });
    expect(logic.placeOf('#audit')).toEqual({ section: 'audit', id: null });
    expect(logic.placeOf('#users/6b05aeb3e31649e5290a5c1c')).toEqual({
      section: 'users',
      id: '6b05aeb3e31649e5290a5c1c',
    });
    expect(logic.placeOf('#users/../../x')).toEqual({ section: 'users', id: null });
  });

  it('pages forwards while there is a next cursor, back to the first page, and starts again on reset', () => {
    const pager = new logic.Pager();
    expect([pager.cursor, pager.hasPrevious, pager.hasNext, pager.number]).toEqual([undefined, false, false, 1]);
    pager.read('b2');
    pager.forward();
    expect([pager.cursor, pager.hasPrevious, pager.number]).toEqual(['b2', true, 2]);
    pager.read(null);
    pager.forward(); // at the end: stays
    expect([pager.cursor, pager.hasNext, pager.number]).toEqual(['b2', false, 2]);
    pager.back();
    expect([pager.cursor, pager.hasPrevious]).toEqual([undefined, false]);
    pager.read('c3');
    pager.forward();
    pager.reset();
    expect([pager.cursor, pager.number, pager.hasNext]).toEqual([undefined, 1, false]);
  });

  it("names an admin by its key's fingerprint, and shows the fields of a user it does not know", () => {
    expect(logic.actorText('admin:3d653eaf8774')).toBe('admin key 3d653eaf8774');
    expect(logic.actorText('user')).toBe('user');
    const user = { id: 'x', email: 'a@b.c', sessions: 2, passkeys: 3, identities: [], devices: 4, tags: ['vip'] };
    expect(logic.otherFacts(user)).toEqual([
      ['devices', '4'],
      ['tags', '["vip"]'],
    ]);
  });

  it('offers every audit event type the server records in the filter, and no other', () => {
    expect(logic.AUDIT_TYPES).toEqual([...AUDIT_EVENT_TYPES]);
  });

  it('offers every webhook event type the server sends as a checkbox, and no other', () => {
    expect(logic.WEBHOOK_EVENTS).toEqual([...WEBHOOK_EVENT_TYPES]);
  });
});

describe("the console's users and webhooks, in words", () => {
  it('reads linked identities as provider, address and day, and none as none', () => {
    expect(logic.identitiesText([])).toBe('none');
    expect(logic.identitiesText(undefined)).toBe('none');
    expect(
      logic.identitiesText([
        { provider: 'google', email: 'ada@example.com', linkedAt: '2026-12-01T09:00:00.000Z' },
        { provider: 'github', email: null, linkedAt: '2026-12-02T10:00:00.000Z' },
      ]),
    ).toBe('google (ada@example.com), linked 2026-12-01 · github, linked 2026-12-02');
  });

  it("reads a delivery's status, attempts, last answer and next attempt", () => {
    expect(logic.deliveryText({ status: 'delivered', attempts: 1, lastStatusCode: 200, nextAttemptAt: null })).toBe(
      'delivered · 1 attempt · last answer 200',
    );
    expect(
      logic.deliveryText({
        status: 'pending',
        attempts: 2,
        lastStatusCode: null,
        nextAttemptAt: '2026-12-03T08:05:30.000Z',
      }),
    ).toBe('pending · 2 attempts · no answer yet · next attempt 2026-12-03 08:05:30 UTC');
  });
});
