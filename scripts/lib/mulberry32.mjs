// mulberry32: a small seeded generator of uniforms in [0, 1), the same on every machine and Node version, and
// independent of the engine's own (src/core/numeric/random.ts). Used by the example and fixture writers and the CLI null.

/** Returns a generator of uniforms in [0, 1) seeded with a 32-bit integer. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
