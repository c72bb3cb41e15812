/**
 * Stable in-place sort for the short lists the engine sorts per row (findings, cues, date mentions).
 * Array.prototype.sort allocates a work array on every call; over 100,000 rows that garbage costs
 * more than the sorting. Same order as the built-in (stable) sort with the same comparator.
 */
export function sortSmall<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > 24) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const item = list[i];
    let j = i - 1;
    while (j >= 0 && compare(list[j], item) > 0) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}
