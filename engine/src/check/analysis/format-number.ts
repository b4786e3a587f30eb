/** Numbers in lint messages: integers as integers, others with up to four significant digits. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(4)));
}
