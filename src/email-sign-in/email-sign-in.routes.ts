import { authResultExample } from '../auth/auth.schemas';
import { loginAnswerSchema } from '../cookies/cookies.schemas';
import { route } from '../http/route';
import { acceptedSchema } from '../recovery/recovery.schemas';
import { emailStartSchema, emailVerifySchema } from './email-sign-in.schemas';

// one body for every start, whether the account exists or not
const START_ANSWER = { message: 'If this address can sign in, a link and a code are on their way.' };

/** Sign in by email: a mailed link or 6-digit code, no password (contract v1.10). */
export const emailSignInRoutes = [
  route({
    method: 'post',
    path: '/auth/email/start',
    summary: 'Mail a sign-in link and a 6-digit code; the same answer whether the account exists or not',
    limits: ['perAddress'],
    body: { schema: emailStartSchema, example: { email: 'ada@example.com' } },
    answer: {
      status: 202,
      description:
        'Always this answer, in about the same time. A mail with APP_URL/sign-in?token=… and a code (600 s, ' +
        'EMAIL_SIGN_IN_TTL) goes to a known address (3 per 15 minutes), to an unknown one only with EMAIL_SIGN_UP=true',
      schema: acceptedSchema,
      example: START_ANSWER,
    },
    errors: [],
    handle:
      ({ emailSignIn }) =>
      async (req, res) => {
        await emailSignIn.start(req.body.email);
        res.status(202).json(START_ANSWER);
      },
  }),
  route({
    method: 'post',
    path: '/auth/email/verify',
    summary: "Sign in with the mail's link token, or with the address and its code (once; a code dies after 5 tries)",
    limits: ['perAddress'],
    transport: true,
    body: { schema: emailVerifySchema, example: { email: 'ada@example.com', code: '123456' } },
    answer: {
      status: 200,
      description:
        'Logged in (amr email), or (TOTP on) a second factor is owed: POST /auth/mfa/verify. The address counts ' +
        'as verified; a first proof of it removes every way in added before (password, passkeys, identities, TOTP)',
      schema: loginAnswerSchema,
      example: authResultExample,
    },
    errors: [401, 403],
    handle:
      ({ emailSignIn, auth, transport }) =>
      async (req, res) => {
        const answer = await emailSignIn.verify(req.body, req.get('user-agent'));
        transport.send(req, res, 'mfaRequired' in answer ? answer : await auth.issue(answer));
      },
  }),
];
