/** Password hashing with argon2id (OWASP's recommended parameters for interactive log-in). */
import { dictionary } from '@zxcvbn-ts/language-common';
import argon2 from 'argon2';
import { AppError } from '../errors.js';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/** Verifies `password`; with no stored hash it still spends the same time, so timing leaks nothing. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (hash === undefined) {
    dummyHash ??= hashPassword('not-a-real-password');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

const PASSWORD_MIN = 8;
const PASSWORD_MAX = 200;

// The ~49,000 passwords most common in public breach corpora, as zxcvbn ranks them (NIST SP 800-63B
// asks for such a check instead of composition rules). Read once, on first use.
let breached: Set<string> | undefined;

/**
 * Refuses a new password that is too short or long, only white space, among the commonly breached
 * ones, or the account's own e-mail address or name.
 */
export function checkNewPassword(password: string, account: { email?: string; name?: string } = {}): void {
  const refuse = (why: string) => {
    throw new AppError('validation_failed', `password: ${why}.`, { field: 'password' });
  };
  if ([...password].length < PASSWORD_MIN) refuse(`must be at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) refuse(`must be at most ${PASSWORD_MAX} characters`);
  if (password.trim() === '') refuse('must not be only spaces');
  breached ??= new Set(dictionary['passwords-common']);
  const folded = password.trim().toLowerCase();
  if (breached.has(folded) || breached.has(folded.replace(/\s+/g, ''))) refuse('is one of the most common passwords, which are tried first; choose another');
  const own = [account.email, account.email?.split('@')[0], account.name].filter((v): v is string => !!v && v.length >= 3).map((v) => v.toLowerCase());
  if (own.includes(folded)) refuse('must not be your e-mail address or name');
}
