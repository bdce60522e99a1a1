import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from '../shared/crypto.js';
import { bucketOf, FLAG_KEYS, isEnabled, isFlagKey } from './flags.js';

const ids = (n: number) => Array.from({ length: n }, () => newId());
const flag = (rolloutPercent: number, allow: string[] = [], deny: string[] = []) => ({ key: 'bulk-withdraw' as const, rolloutPercent, allow, deny });

describe('bucketOf', () => {
  it('is stable and in [0, 10000)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FLAG_KEYS), fc.string({ minLength: 1, maxLength: 40 }), (key, id) => {
        const bucket = bucketOf(key, id);
        expect(Number.isInteger(bucket)).toBe(true);
        expect(bucket).toBeGreaterThanOrEqual(0);
        expect(bucket).toBeLessThan(10_000);
        expect(bucketOf(key, id)).toBe(bucket);
      }),
    );
  });

  it('buckets a member independently per flag', () => {
    const members = ids(200);
    const same = members.filter((id) => bucketOf('bulk-withdraw', id) === bucketOf('inbox-withdraw', id));
    expect(same.length).toBeLessThan(5);
  });
});

describe('isEnabled', () => {
  it('0% is nobody and 100% is everybody', () => {
    for (const id of ids(2_000)) {
      expect(isEnabled(flag(0), id)).toBe(false);
      expect(isEnabled(flag(100), id)).toBe(true);
    }
  });

  it('deny beats allow, and allow beats the percentage', () => {
    const [a, b] = ids(2) as [string, string];
    expect(isEnabled(flag(100, [a], [a]), a)).toBe(false);
    expect(isEnabled(flag(100, [], [a]), a)).toBe(false);
    expect(isEnabled(flag(0, [a]), a)).toBe(true);
    expect(isEnabled(flag(0, [a]), b)).toBe(false);
    expect(isEnabled(flag(100, [], [a]), b)).toBe(true);
  });

  it.each([1, 10, 25, 50, 90])('at %d%% enables roughly that share of 10,000 members', (percent) => {
    const members = ids(10_000);
    const enabled = members.filter((id) => isEnabled(flag(percent), id)).length;
    // The binomial standard deviation is at most 50 here; 5 of them keeps this from ever flaking.
    expect(Math.abs(enabled - percent * 100)).toBeLessThan(250);
  });

  it('raising the percentage never removes anyone', () => {
    const members = ids(200);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (x, y) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        for (const id of members) {
          if (isEnabled(flag(low), id)) expect(isEnabled(flag(high), id)).toBe(true);
        }
      }),
    );
  });

  it('follows the member’s bucket exactly', () => {
    const members = ids(500);
    for (const percent of [0, 7, 33, 100]) {
      for (const id of members) expect(isEnabled(flag(percent), id)).toBe(bucketOf('bulk-withdraw', id) < percent * 100);
    }
  });
});

describe('isFlagKey', () => {
  it('knows exactly the three flags', () => {
    expect(FLAG_KEYS).toEqual(['bulk-withdraw', 'inbox-withdraw', 'new-messaging']);
    expect(isFlagKey('bulk-withdraw')).toBe(true);
    expect(isFlagKey('inbox-withdraw')).toBe(true);
    expect(isFlagKey('new-messaging')).toBe(true);
    expect(isFlagKey('everything')).toBe(false);
    expect(isFlagKey('')).toBe(false);
  });
});
