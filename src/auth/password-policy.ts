import { badRequest } from '../errors/http-error';

export type PasswordPolicy = { minLength: number; check: (password: string, path?: string) => Promise<void> };

// zxcvbn-ts's list of the 49,233 passwords seen most in breaches (lower-cased), shipped in the npm package:
// no network at run time. Loaded on first use, so that neither start nor a Lambda's cold start pays for it.
let common: Promise<Set<string>> | undefined;
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => new Set(dictionary['passwords-common']));
  return common;
}

/**
 * The rules of a new password beyond its schema (at least 7 characters, at most 72 bytes): the configured
 * minimum length (PASSWORD_MIN_LENGTH; ASVS advises 8 or more) and no password from the common list.
 */
export function createPasswordPolicy(minLength: number): PasswordPolicy {
  async function check(password: string, path = 'password'): Promise<void> {
    if ([...password].length < minLength) throw refused(path, `must be at least ${minLength} characters`);
    if ((await commonPasswords()).has(comparable(password)))
      throw refused(path, 'is too common: it is on a list of passwords most often used and leaked; choose another');
  }
  return { minLength, check };
}

// ` Password `, `ＰＡＳＳＷＯＲＤ` and `password` are one password to a guesser
const comparable = (password: string) => password.normalize('NFKC').trim().toLowerCase();

const refused = (path: string, message: string) =>
  badRequest('VALIDATION_FAILED', 'The request body is not valid', [{ path, message }]);
