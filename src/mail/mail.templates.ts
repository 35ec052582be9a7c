// What a person reads: a text part and an HTML part saying what happened, what to do, and what to do if it
// was not them. Every value put into the HTML is escaped.

export const PRODUCT_NAME = 'authgate';

export type MailContent = { subject: string; text: string; html: string };

type Parts = {
  subject: string;
  lines: string[];
  link?: { url: string; label: string; lifetime: string };
  ifNotYou: string;
};

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  );

function compose({ subject, lines, link, ifNotYou }: Parts): MailContent {
  const linkText = link ? [`${link.label}:`, link.url, `The link works once and expires in ${link.lifetime}.`] : [];
  const text = [`Hello,`, '', ...lines, '', ...linkText, ...(link ? [''] : []), ifNotYou, '', `— ${PRODUCT_NAME}`].join(
    '\n',
  );
  const paragraphs = (...texts: string[]) => texts.map((text) => `<p>${text}</p>`).join('');
  const linkHtml = link
    ? paragraphs(
        `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`,
        `Or paste this address into your browser:<br>${escapeHtml(link.url)}`,
        `The link works once and expires in ${escapeHtml(link.lifetime)}.`,
      )
    : '';
  const body = paragraphs('Hello,', ...lines.map(escapeHtml)) + linkHtml + paragraphs(escapeHtml(ifNotYou));
  const html = `<!doctype html><html><body>${body}<p>— ${PRODUCT_NAME}</p></body></html>`;
  return { subject: `${PRODUCT_NAME}: ${subject}`, text, html };
}

/** 1800 → "30 minutes", 86400 → "24 hours". */
export function lifetime(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} seconds`;
}

const notYouNoAction =
  'If you did not ask for this, you can ignore this mail: nothing changes unless the link is used.';
const notYouReset =
  `If this was not you, reset your password now with "Forgot password" on the ${PRODUCT_NAME} sign-in page: it ` +
  `signs out every session.`;

export const templates = {
  signIn: (url: string, code: string, ttl: number) =>
    compose({
      subject: `your sign-in code ${code}`,
      lines: [`To sign in to ${PRODUCT_NAME}, open the link below, or type this code where you asked for it: ${code}`],
      link: { url, label: `Sign in to ${PRODUCT_NAME}`, lifetime: lifetime(ttl) },
      ifNotYou: 'If you did not ask to sign in, ignore this mail: nobody can sign in without this link or code.',
    }),
  verifyEmail: (url: string, ttl: number) =>
    compose({
      subject: 'confirm your email address',
      lines: [`Please confirm that this address belongs to your ${PRODUCT_NAME} account.`],
      link: { url, label: 'Confirm your email address', lifetime: lifetime(ttl) },
      ifNotYou: notYouNoAction,
    }),
  confirmNewEmail: (url: string, ttl: number) =>
    compose({
      subject: 'confirm your new email address',
      lines: [`You asked to use this address for your ${PRODUCT_NAME} account. It takes effect once you confirm it.`],
      link: { url, label: 'Confirm your new email address', lifetime: lifetime(ttl) },
      ifNotYou: notYouNoAction,
    }),
  resetPassword: (url: string, ttl: number) =>
    compose({
      subject: 'reset your password',
      lines: [`Someone asked to reset the password of your ${PRODUCT_NAME} account.`],
      link: { url, label: 'Choose a new password', lifetime: lifetime(ttl) },
      ifNotYou: 'If you did not ask for this, ignore this mail: your password stays as it is.',
    }),
  passwordChanged: () =>
    compose({
      subject: 'your password was changed',
      lines: [`The password of your ${PRODUCT_NAME} account was just changed; your other sessions were signed out.`],
      ifNotYou: notYouReset,
    }),
  passwordReset: () =>
    compose({
      subject: 'your password was reset',
      lines: [
        `The password of your ${PRODUCT_NAME} account was just reset with a link sent to this address; every ` +
          `session was signed out.`,
      ],
      ifNotYou: notYouReset,
    }),
  signInMethodAdded: (method: string) =>
    compose({
      subject: 'a new way to sign in was added',
      lines: [`${method} was just added to your ${PRODUCT_NAME} account: it can now be used to sign in.`],
      ifNotYou:
        `If this was not you, reset your password now with "Forgot password" on the ${PRODUCT_NAME} sign-in ` +
        'page, then remove it from your account page.',
    }),
  emailChangeRequested: (newEmail: string) =>
    compose({
      subject: 'your email address is being changed',
      lines: [
        `Someone signed in to your ${PRODUCT_NAME} account asked to change its email address to ${newEmail}. It ` +
          `changes once that address is confirmed.`,
      ],
      ifNotYou: notYouReset,
    }),
  invitation: (orgName: string, role: string, url: string, ttl: number) =>
    compose({
      subject: `you are invited to join ${orgName}`,
      lines: [
        `You are invited to join the organization "${orgName}" on ${PRODUCT_NAME} as ${role}. Sign in (or sign up) ` +
          'with this address, confirm it, then accept the invitation.',
      ],
      link: { url, label: 'Accept the invitation', lifetime: lifetime(ttl) },
      ifNotYou: 'If you did not expect this, ignore this mail: nothing happens unless the link is used.',
    }),
};
