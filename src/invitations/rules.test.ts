import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvitationStatus } from '../db/schema.js';
import { pairKey } from '../shared/pairs.js';
import { effectiveStatus, normalizePhone, recipientKey, senderStatus } from './rules.js';

const STATUSES: InvitationStatus[] = ['pending', 'accepted', 'ignored', 'withdrawn', 'expired'];

describe('pairKey', () => {
  it('is the same whichever member is named first', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        expect(pairKey(a, b)).toBe(pairKey(b, a));
      }),
    );
  });

  it('names the lower id first, and tells different pairs apart', () => {
    expect(pairKey('b', 'a')).toBe('a|b');
    expect(pairKey('a', 'b')).toBe('a|b');
    expect(pairKey('a', 'c')).not.toBe(pairKey('a', 'b'));
    expect(pairKey('a', 'bc')).not.toBe(pairKey('ab', 'c'));
  });
});

describe('recipientKey', () => {
  it('prefixes the value with its channel', () => {
    expect(recipientKey('member', 'M1')).toBe('m:M1');
    expect(recipientKey('email', 'a@b.test')).toBe('e:a@b.test');
    expect(recipientKey('sms', '+14155550123')).toBe('p:+14155550123');
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+14155550123', '+14155550123'],
    ['+1 (415) 555-0123', '+14155550123'],
    ['  +1.415.555.0123  ', '+14155550123'],
    ['0044 20 7946 0958', '+442079460958'],
    ['+33 1 23 45 67 89', '+33123456789'],
    ['+12345678', '+12345678'],
    ['+123456789012345', '+123456789012345'],
  ])('%j is %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    ['4155550123', 'no country code'],
    ['+0123456789', 'a country code starting with 0'],
    ['+1234567', 'too short'],
    ['+1234567890123456', 'too long'],
    ['+1 415 CALL NOW', 'letters'],
    ['+1415555012x', 'a stray letter'],
    ['++14155550123', 'two plus signs'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('is stable: a normalised number normalises to itself', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const once = normalizePhone(input);
        if (once !== null) expect(normalizePhone(once)).toBe(once);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9]\d{7,14}$/), (e164) => {
        expect(normalizePhone(e164)).toBe(e164);
      }),
    );
  });
});

describe('effectiveStatus', () => {
  const expiresAt = '2026-06-11T09:00:00.000Z';
  const before = new Date(Date.parse(expiresAt) - 1);
  const at = new Date(expiresAt);
  const after = new Date(Date.parse(expiresAt) + 86_400_000);

  it('keeps every status before the expiry time', () => {
    for (const status of STATUSES) expect(effectiveStatus({ status, expires_at: expiresAt }, before)).toBe(status);
  });

  it('reads an open invitation as expired from its expiry time on, swept or not', () => {
    for (const now of [at, after]) {
      expect(effectiveStatus({ status: 'pending', expires_at: expiresAt }, now)).toBe('expired');
      expect(effectiveStatus({ status: 'ignored', expires_at: expiresAt }, now)).toBe('expired');
    }
  });

  it('never changes a final status', () => {
    for (const status of ['accepted', 'withdrawn', 'expired'] as const) {
      expect(effectiveStatus({ status, expires_at: expiresAt }, after)).toBe(status);
    }
  });
});

describe('senderStatus', () => {
  it('hides an ignore from the sender and shows everything else as it is', () => {
    expect(senderStatus('ignored')).toBe('pending');
    for (const status of STATUSES.filter((s) => s !== 'ignored')) expect(senderStatus(status)).toBe(status);
  });
});
