/** Counts every service method call made through the emulated globals, by 'Class.method'. */
export class CallLedger {
  private counts = new Map<string, number>();
  private log: string[] = [];

  record(method: string): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    this.log.push(method);
  }

  /** Calls of one method ('Range.getValues'), or all calls when no method is given. */
  count(method?: string): number {
    if (method === undefined) return this.total();
    return this.counts.get(method) ?? 0;
  }

  total(): number {
    return this.log.length;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Calls made since the snapshot, by method (methods with no new calls are left out). */
  diff(snapshot: Record<string, number>): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [method, n] of this.counts) {
      const delta = n - (snapshot[method] ?? 0);
      if (delta > 0) out[method] = delta;
    }
    return out;
  }

  reset(): void {
    this.counts.clear();
    this.log = [];
  }

  /** Every call in order, as [method, count so far]-free strings: the raw call log. */
  entries(): string[] {
    return [...this.log];
  }
}
