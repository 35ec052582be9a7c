import { callerOf, userOf } from '../auth/require-auth';
import { route } from '../http/route';
import {
  acceptSchema,
  changeRoleSchema,
  createOrgSchema,
  invitationPathSchema,
  invitationViewSchema,
  inviteSchema,
  memberPathSchema,
  membershipSchema,
  memberViewSchema,
  orgDetailSchema,
  orgPathSchema,
  orgSchema,
  orgSummarySchema,
  updateOrgSchema,
} from './orgs.schemas';

const org = {
  id: '6b1a0f5e8c1d2e3f4a5b6c7d',
  name: 'Acme',
  slug: 'acme',
  role: 'owner',
  createdAt: '2026-12-01T09:00:00.000Z',
};
const member = {
  userId: '6b05aeb3e31649e5290a5c1c',
  name: 'Ada',
  email: 'ada@example.com',
  role: 'owner',
  joinedAt: '2026-12-01T09:00:00.000Z',
};
const invitation = {
  id: '6b1a0f5e8c1d2e3f4a5b6c7e',
  email: 'grace@example.com',
  role: 'member',
  expiresAt: '2026-12-08T09:00:00.000Z',
};
const summary = { id: org.id, name: org.name, slug: org.slug, role: org.role };

/** Organizations, their members and invitations (contract v1.9). A non-member gets 404 ORG_NOT_FOUND. */
export const orgsRoutes = [
  route({
    method: 'post',
    path: '/orgs',
    summary: 'Found an organization (a verified user); the caller is its owner',
    guard: 'tokenWithUser',
    body: { schema: createOrgSchema, example: { name: 'Acme', slug: 'acme' } },
    answer: { status: 201, description: 'Created', schema: orgSchema, example: org },
    errors: [403, 409],
    handle:
      ({ orgs }) =>
      async (req, res) =>
        void res.status(201).json(await orgs.create(userOf(res), req.body)),
  }),
  route({
    method: 'get',
    path: '/orgs',
    summary: "The caller's organizations, with the caller's role in each",
    guard: 'token',
    answer: { status: 200, description: 'Organizations', schema: orgSummarySchema.array(), example: [summary] },
    errors: [],
    handle:
      ({ orgs }) =>
      async (_req, res) =>
        void res.json(await orgs.list(callerOf(res).userId)),
  }),
  route({
    method: 'post',
    path: '/orgs/invitations/accept',
    summary: 'Accept an invitation: the account whose verified address it names joins',
    guard: 'tokenWithUser',
    body: { schema: acceptSchema, example: { token: 'q3v9dN0xT6yB2wJ8kM4pR7sL1cF5hG0zA9eU3iO6tY2' } },
    answer: {
      status: 200,
      description: 'The membership',
      schema: membershipSchema,
      example: { ...summary, role: 'member', joinedAt: org.createdAt },
    },
    errors: [403, 409],
    handle:
      ({ invitations }) =>
      async (req, res) =>
        void res.json(await invitations.accept(userOf(res), req.body.token)),
  }),
  route({
    method: 'get',
    path: '/orgs/{id}',
    summary: 'An organization and its members (members only)',
    guard: 'token',
    params: orgPathSchema,
    answer: {
      status: 200,
      description: 'The organization',
      schema: orgDetailSchema,
      example: { ...org, members: [member] },
    },
    errors: [404],
    handle:
      ({ orgs }) =>
      async (req, res) =>
        void res.json(await orgs.get(req.params.id, callerOf(res).userId)),
  }),
  route({
    method: 'patch',
    path: '/orgs/{id}',
    summary: 'Rename an organization or change its slug (admins and owners)',
    guard: 'token',
    params: orgPathSchema,
    body: { schema: updateOrgSchema, example: { name: 'Acme Inc.' } },
    answer: { status: 200, description: 'The organization as it is now', schema: orgSchema, example: org },
    errors: [403, 404, 409],
    handle:
      ({ orgs }) =>
      async (req, res) =>
        void res.json(await orgs.update(req.params.id, callerOf(res).userId, req.body)),
  }),
  route({
    method: 'delete',
    path: '/orgs/{id}',
    summary: 'Delete an organization with its memberships and invitations (an owner, in a privileged session)',
    guard: 'privileged',
    params: orgPathSchema,
    answer: { status: 204, description: 'Deleted' },
    errors: [403, 404],
    handle:
      ({ orgs }) =>
      async (req, res) => {
        await orgs.remove(req.params.id, callerOf(res).userId);
        res.status(204).end();
      },
  }),
  route({
    method: 'post',
    path: '/orgs/{id}/invitations',
    summary: 'Invite an address (admins and owners; only an owner invites an admin); the link is mailed',
    guard: 'token',
    params: orgPathSchema,
    body: { schema: inviteSchema, example: { email: 'grace@example.com', role: 'member' } },
    answer: { status: 201, description: 'Invited', schema: invitationViewSchema, example: invitation },
    errors: [403, 404, 409, 429],
    handle:
      ({ invitations }) =>
      async (req, res) =>
        void res.status(201).json(await invitations.invite(req.params.id, callerOf(res).userId, req.body)),
  }),
  route({
    method: 'get',
    path: '/orgs/{id}/invitations',
    summary: 'The pending invitations (admins and owners)',
    guard: 'token',
    params: orgPathSchema,
    answer: {
      status: 200,
      description: 'Pending invitations, oldest first',
      schema: invitationViewSchema.array(),
      example: [invitation],
    },
    errors: [403, 404],
    handle:
      ({ invitations }) =>
      async (req, res) =>
        void res.json(await invitations.list(req.params.id, callerOf(res).userId)),
  }),
  route({
    method: 'delete',
    path: '/orgs/{id}/invitations/{invitationId}',
    summary: 'Withdraw a pending invitation (admins and owners)',
    guard: 'token',
    params: invitationPathSchema,
    answer: { status: 204, description: 'Withdrawn: its link no longer works' },
    errors: [403, 404],
    handle:
      ({ invitations }) =>
      async (req, res) => {
        await invitations.revoke(req.params.id, callerOf(res).userId, req.params.invitationId);
        res.status(204).end();
      },
  }),
  route({
    method: 'patch',
    path: '/orgs/{id}/members/{userId}',
    summary: "Change a member's role (an owner; an admin between member and admin)",
    guard: 'token',
    params: memberPathSchema,
    body: { schema: changeRoleSchema, example: { role: 'admin' } },
    answer: { status: 200, description: 'The member as it is now', schema: memberViewSchema, example: member },
    errors: [403, 404, 409],
    handle:
      ({ members }) =>
      async (req, res) =>
        void res.json(await members.changeRole(req.params.id, callerOf(res).userId, req.params.userId, req.body.role)),
  }),
  route({
    method: 'delete',
    path: '/orgs/{id}/members/{userId}',
    summary: 'Remove a member (an owner; an admin, not an owner), or leave (the member itself)',
    guard: 'token',
    params: memberPathSchema,
    answer: { status: 204, description: 'Removed' },
    errors: [403, 404, 409],
    handle:
      ({ members }) =>
      async (req, res) => {
        await members.removeMember(req.params.id, callerOf(res).userId, req.params.userId);
        res.status(204).end();
      },
  }),
];
