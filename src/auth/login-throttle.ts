/**
 * Log-in throttling as OWASP advises it: guesses are limited per account and client pair, so a
 * stranger's wrong passwords never lock the owner out; the account as a whole slows unknown clients
 * down once guesses come from many places; and a browser that has logged in to the account before
 * (its device cookie) keeps a limit of its own, so even that never stops the owner's own browser.
 * https://owasp.org/www-community/Slow_Down_Online_Guessing_Attacks_with_Device_Cookies
 */
import type { Db } from '../db/database.js';
import { enforceLimit } from '../http/rate-limit-store.js';
import { sha256 } from '../shared/crypto.js';
import { isDeviceOf } from './device-store.js';

const WINDOW_MS = 15 * 60_000;
/** Attempts one client may make at one account in the window. */
export const ATTEMPTS_PER_CLIENT = 10;
/** Attempts all unknown clients together may make at one account in the window. */
export const ATTEMPTS_PER_ACCOUNT = 100;
/** Attempts from one known device of the account in the window. */
const ATTEMPTS_PER_DEVICE = 10;

export interface LoginAttempt {
  email: string;
  /** The client's address: the socket's, or the one the trusted proxies report. */
  client: string;
  /** The device cookie the browser presented, if any. */
  device?: string;
}

/** Counts one attempt; throws `rate_limited` when the attempt's limit is spent. */
export async function throttleLogin(db: Db, attempt: LoginAttempt): Promise<void> {
  const email = attempt.email.trim().toLowerCase();
  // Keys are hashed: the limits table holds no address.
  if (attempt.device && (await isDeviceOf(db, attempt.device, email))) {
    await enforceLimit(db, `login-device:${sha256(attempt.device)}`, ATTEMPTS_PER_DEVICE, WINDOW_MS);
    return;
  }
  await enforceLimit(db, `login-pair:${sha256(`${email}\n${attempt.client}`)}`, ATTEMPTS_PER_CLIENT, WINDOW_MS);
  await enforceLimit(db, `login-account:${sha256(email)}`, ATTEMPTS_PER_ACCOUNT, WINDOW_MS);
}
