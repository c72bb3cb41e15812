/**
 * A rule's message, built once per distinct values it is made from ("Due 2026-03-10, 5 days ago").
 * A sheet repeats the same few messages across thousands of rows, and a row's findings outlive the scan
 * that made them: a concatenated copy per row was most of a result's memory and much of the engine's
 * garbage-collection time. Keys are the values themselves (short strings and numbers), so a repeat
 * costs a few map lookups and allocates nothing.
 */
/** A value a message is made from; `undefined` is a value too ("no cue"). */
type Part = string | number | undefined;

/** Bounded: a sheet of all-different dates must not grow it without end. */
export const MAX_MESSAGES = 5_000;

export class MessageMemo {
  private readonly root = new Map<Part, Map<Part, Map<Part, Map<Part, string>>>>();
  private size = 0;

  get(a: Part, b: Part, c: Part = '', d: Part = ''): string | undefined {
    return this.root.get(a)?.get(b)?.get(c)?.get(d);
  }

  /** Remembers and returns `message`. */
  keep(message: string, a: Part, b: Part, c: Part = '', d: Part = ''): string {
    if (this.size >= MAX_MESSAGES) {
      this.root.clear();
      this.size = 0;
    }
    let byB = this.root.get(a);
    if (byB === undefined) this.root.set(a, (byB = new Map()));
    let byC = byB.get(b);
    if (byC === undefined) byB.set(b, (byC = new Map()));
    let byD = byC.get(c);
    if (byD === undefined) byC.set(c, (byD = new Map()));
    byD.set(d, message);
    this.size++;
    return message;
  }
}
