/** The word walk shared by cue finding and date extraction: one pass per entry, no regex. */
export interface Word {
  index: number;
  word: string;
}

/** Letters, digits, apostrophes and "&", tested by code unit. */
export function isWordCode(c: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) return true;
  if (c === 39 || c === 0x2019 || c === 38) return true;
  if (c < 128) return false;
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}

export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordCode(text.charCodeAt(i))) i++;
    const begin = i;
    while (i < n && isWordCode(text.charCodeAt(i))) i++;
    if (i > begin) out.push({ index: begin, word: text.slice(begin, i) });
  }
  return out;
}
