/**
 * A small deterministic string hash for snapshots (no crypto dependency): cyrb53, a public-domain
 * 53-bit hash built from two 32-bit multiply-xorshift lanes, written in base 36 (at most 11 chars).
 *
 * Collision odds (treating it as a uniform 53-bit hash, 2^53 ≈ 9.0e15 values):
 * - a next step compared with last week's: a changed text reads as unchanged with probability
 *   2^-53 ≈ 1.1e-16 per comparison; 50,000 deals × 52 weeks is 2.6e6 comparisons a year, so about
 *   2.9e-10 false "unchanged" per sheet per year;
 * - deal keys within one snapshot (birthday bound n²/2^54): 50,000 keys → 1.4e-7 chance that any two
 *   distinct deals share a key hash.
 */

/** cyrb53 of `text` (UTF-16 code units), seed 0, as base 36. */
export function hashString(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  // Same text as value.toString(36), about twice as fast: V8's radix conversion of a 53-bit double is
  // slow, of two smaller integers fast (36^6 = 2,176,782,336).
  const hi = Math.floor(value / 2176782336);
  const lo = value - hi * 2176782336;
  return hi > 0 ? hi.toString(36) + lo.toString(36).padStart(6, '0') : lo.toString(36);
}

/**
 * The form of a next step that is compared week to week: Unicode NFKC, lower case, whitespace runs
 * collapsed, trimmed. Re-spacing or re-casing a step does not make it "new".
 */
export function normaliseStepText(text: string): string {
  // NFKC leaves ASCII unchanged: skip it for the common case (it dominates at 50,000 rows).
  const nfkc = ASCII.test(text) ? text : text.normalize('NFKC');
  return nfkc.toLowerCase().replace(/\s+/g, ' ').trim();
}

const ASCII = /^[ -~\t\n\r]*$/; // printable ASCII and common whitespace

/** Hash of a next step's normalised text; '' for an empty step (so "missing" is never a zombie). */
export function stepHash(text: string): string {
  const norm = normaliseStepText(text);
  return norm === '' ? '' : hashString(norm);
}
