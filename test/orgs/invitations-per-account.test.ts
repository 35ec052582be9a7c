import type { Express } from 'express';
import { bearer, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { Mailbox } from '../helpers/mailbox';
import { request } from '../helpers/request';
import { APP_URL, createOrg, verifiedUser } from './helpers';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp({ ...mailbox.env(), APP_URL });
});
afterAll(() => mailbox.stop());

// Review finding R5 (fixed: 50 per account per day as well): the only cap on invitation mail is 50 per organization per day, and any verified account founds
// as many organizations as it likes (POST /orgs has no limit of its own). The organization's name, free text, is
// the mail's subject and body. One account thus mails any number of arbitrary addresses, from the operator's sender
// and domain, with a subject of its choosing ("you are invited to join Call +1-555-0100 now, your account is
// locked"). Reproduced against the running build: one account, 3 organizations, 150 mails in 2.4 s.
describe('review R5: invitation mail from one account', () => {
  it('is capped per account, not only per organization', async () => {
    const spammer = await verifiedUser(app);
    const statuses: number[] = [];
    for (let k = 0; k < 3; k++) {
      const org = await createOrg(app, spammer, { name: `Call +1-555-0100 now, your account is locked ${k}` });
      for (let i = 0; i < 50; i++) {
        const res = await request(app)
          .post(`/orgs/${org.id}/invitations`)
          .set(bearer(spammer.token))
          .send({ email: `victim-${k}-${i}@example.net`, role: 'member' });
        statuses.push(res.status);
      }
    }

    expect(statuses.filter((status) => status === 201).length).toBe(50);
    expect(statuses).toContain(429);
  }, 120_000);
});
