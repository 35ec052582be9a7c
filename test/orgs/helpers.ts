import type { Express } from 'express';
import mongoose from 'mongoose';
import { Organization, type Role } from '../../src/orgs/org.model';
import { User } from '../../src/users/user.model';
import { bearer, registerUser, type TestUser } from '../helpers/app';
import type { Mailbox, ReceivedMail } from '../helpers/mailbox';
import { request } from '../helpers/request';

export const APP_URL = 'https://app.example.com';
export const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

/** A registered user whose address is confirmed (as the mailed link would do). */
export async function verifiedUser(app: Express, fields: Partial<TestUser> = {}): Promise<TestUser> {
  const user = await registerUser(app, fields);
  await User.updateOne({ email: user.email }, { $set: { emailVerified: true } });
  return user;
}

export const userIdOf = (user: TestUser) => claimsOf(user.token).sub as string;

/** An organization founded by `owner` through the route. */
export async function createOrg(app: Express, owner: TestUser, body: object = { name: 'Acme' }) {
  const res = await request(app).post('/orgs').set(bearer(owner.token)).send(body).expect(201);
  return res.body as { id: string; name: string; slug: string; role: Role; createdAt: string };
}

/** Arranges a membership directly in the database: what an accepted invitation leaves. */
export async function addMember(orgId: string, user: TestUser, role: Role, joinedAt = new Date()): Promise<void> {
  await Organization.collection.updateOne(
    { _id: new mongoose.Types.ObjectId(orgId) },
    {
      $push: { members: { userId: new mongoose.Types.ObjectId(userIdOf(user)), role, joinedAt } } as never,
      $inc: { ownerCount: role === 'owner' ? 1 : 0 },
    },
  );
}

export type Cast = {
  orgId: string;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  stranger: TestUser;
  otherAdmin: TestUser;
};

/** An organization with an owner, an admin and a member; a stranger; and another organization's admin. */
export async function cast(app: Express): Promise<Cast> {
  const [owner, admin, member, stranger, otherOwner, otherAdmin] = await Promise.all(
    Array.from({ length: 6 }, () => verifiedUser(app)),
  );
  const org = await createOrg(app, owner);
  const other = await createOrg(app, otherOwner, { name: 'Other' });
  await addMember(org.id, admin, 'admin');
  await addMember(org.id, member, 'member');
  await addMember(other.id, otherAdmin, 'admin');
  return { orgId: org.id, owner, admin, member, stranger, otherAdmin };
}

/** Refreshes the user's session into the organization (or out, with null); the user holds the new tokens. */
export async function activate(app: Express, user: TestUser, organizationId: string | null): Promise<TestUser> {
  const res = await request(app)
    .post('/auth/refresh')
    .send({ refreshToken: user.refreshToken, organizationId })
    .expect(200);
  user.token = res.body.token;
  user.refreshToken = res.body.refreshToken;
  return user;
}

/** The token of the link APP_URL/accept-invitation?token=… in a mail's text. */
export function invitationTokenIn(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+\/accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error(`no invitation link in: ${mail.text}`);
  return decodeURIComponent(match[1]);
}

/** `invitee` joins as `role` the way a person does: invited by `inviter`, the mailed token accepted. */
export async function joinByInvitation(
  app: Express,
  mailbox: Mailbox,
  orgId: string,
  inviter: TestUser,
  invitee: TestUser,
  role: 'member' | 'admin',
): Promise<void> {
  await request(app)
    .post(`/orgs/${orgId}/invitations`)
    .set(bearer(inviter.token))
    .send({ email: invitee.email, role })
    .expect(201);
  const token = invitationTokenIn(await mailbox.waitFor(invitee.email, 'invited'));
  await request(app).post('/orgs/invitations/accept').set(bearer(invitee.token)).send({ token }).expect(200);
}
