/** "1 day", "5 days": how the timing rules' messages count days. */
export function dayCount(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}
