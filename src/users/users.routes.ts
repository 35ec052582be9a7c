import { auditEventExample, auditEventSchema } from '../audit/audit.schemas';
import { callerOf, userOf } from '../auth/require-auth';
import { route } from '../http/route';
import { changePasswordSchema, deleteAccountSchema, profileExample, profileSchema } from './users.schemas';
import { toProfile } from './users.service';

const ACTIVITY_EVENTS = 50;

/** The signed-in user's profile, password, account and activity (contract v1, v1.1, v1.4). */
export const usersRoutes = [
  route({
    method: 'get',
    path: '/user/myprofile',
    summary: "The caller's profile",
    guard: 'tokenWithUser',
    answer: { status: 200, description: 'Profile', schema: profileSchema, example: profileExample },
    errors: [],
    handle: () => (_req, res) => void res.json(toProfile(userOf(res))),
  }),
  route({
    method: 'delete',
    path: '/user/myprofile',
    summary: 'Delete the account and all its sessions',
    guard: 'privileged',
    limits: ['perAddress'],
    body: { schema: deleteAccountSchema, example: { password: 'correct horse' } },
    answer: { status: 204, description: 'Deleted' },
    errors: [429],
    handle:
      ({ account }) =>
      async (req, res) => {
        await account.deleteAccount(callerOf(res), req.body);
        res.status(204).end();
      },
  }),
  route({
    method: 'put',
    path: '/user/password',
    summary: 'Change the password; revokes every other session',
    guard: 'privileged',
    limits: ['perAddress'],
    body: {
      schema: changePasswordSchema,
      example: { currentPassword: 'correct horse', newPassword: 'battery staple' },
    },
    answer: { status: 204, description: 'Changed' },
    errors: [429],
    handle:
      ({ account }) =>
      async (req, res) => {
        await account.changePassword(callerOf(res), req.body);
        res.status(204).end();
      },
  }),
  route({
    method: 'get',
    path: '/user/activity',
    summary: "The caller's own last 50 audit events, newest first",
    guard: 'token',
    answer: {
      status: 200,
      description:
        "Events; an operator's action shows as actor `admin`, with ip and userAgent null (never the operator's " +
        'address, user agent or key fingerprint)',
      schema: auditEventSchema.array(),
      example: [auditEventExample],
    },
    errors: [],
    handle:
      ({ audit }) =>
      async (_req, res) =>
        void res.json(await audit.activityOf(callerOf(res).userId, ACTIVITY_EVENTS)),
  }),
];
