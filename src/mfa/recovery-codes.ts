import { randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
// 10 characters of a 32-letter alphabet: 50 random bits each, written xxxxx-xxxxx
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz023456789'; // no i, l, o, 1: nothing to misread
const GROUP = 5;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const letters = Array.from({ length: 2 * GROUP }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${letters.slice(0, GROUP)}-${letters.slice(GROUP)}`;
  });
}

/** As a person may type it: any case, with or without the dash and spaces. */
export const normalizeRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');
