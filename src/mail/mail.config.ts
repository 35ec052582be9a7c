import { ConfigError } from '../errors/config-error';

export type MailSettings = { transport: 'smtp' | 'log'; smtpUrl?: string; from: string };

type MailVariables = { MAIL_TRANSPORT?: 'smtp' | 'log'; SMTP_URL?: string; MAIL_FROM?: string };

// `log` prints links to the log: never where real people's mail goes. SMTP_URL is checked only when smtp is used.
export function mailSettings(vars: MailVariables, production: boolean): MailSettings {
  const transport = vars.MAIL_TRANSPORT ?? (production ? 'smtp' : 'log');
  if (production && transport === 'log')
    throw new ConfigError('Invalid configuration: MAIL_TRANSPORT=log is refused in production (use smtp)');
  if (transport === 'smtp' && !vars.SMTP_URL)
    throw new ConfigError('Invalid configuration: SMTP_URL is required when MAIL_TRANSPORT is smtp');
  if (transport === 'smtp' && !vars.MAIL_FROM)
    throw new ConfigError('Invalid configuration: MAIL_FROM is required when MAIL_TRANSPORT is smtp');
  return {
    transport,
    smtpUrl: transport === 'smtp' ? vars.SMTP_URL : undefined,
    from: vars.MAIL_FROM ?? 'authgate <no-reply@localhost>',
  };
}
