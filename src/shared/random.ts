/** A seeded random generator, so that generated data (the demo network, the benchmarks') is the same every time. */

/**
 * Numbers in [0, 1) from `seed`, always the same sequence for the same seed: mulberry32
 * (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c). Not for secrets.
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
