/** Whole calendar months between two dates YYYY-MM-DD (a one-year term, Aug → Aug: 12). */
export function termMonths(start: string, end: string): number {
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  return Math.max(1, (ey - sy) * 12 + (em - sm) - (ed < sd ? 1 : 0));
}
