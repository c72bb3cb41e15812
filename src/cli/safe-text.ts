/**
 * Terminal-safe output. Cell text is the file author's, not ours: an escape sequence in a deal name
 * (ESC ] 0; set the window title, ESC [ 2J clear the screen, OSC 52 write the clipboard) must not
 * reach the terminal. Every control character except tab and newline, C1 controls (8-bit CSI/OSC),
 * DEL and the bidirectional overrides (which reorder what a reader sees) are shown as the visible
 * text \uXXXX. That text is also a valid JSON string escape, so --json output stays JSON with the
 * same values, while text output shows exactly which characters were there.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeText(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A writer whose every chunk goes through safeText. write's return value and the stream's 'drain'
 * (once) are passed through, so a caller can respect backpressure.
 */
export function safeWriter(w: { write(chunk: string): unknown; once?: unknown }): {
  write(chunk: string): unknown;
  once?: (event: string, listener: () => void) => unknown;
} {
  const once =
    typeof w.once === 'function' ? (w.once as (e: string, f: () => void) => unknown).bind(w) : undefined;
  return { write: (chunk: string) => w.write(safeText(String(chunk))), ...(once ? { once } : {}) };
}
