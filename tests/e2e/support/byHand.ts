/**
 * Agreement worked out from first principles, for specs to derive the numbers they expect from their own plans
 * (never from the app's code under test).
 */

/** Cohen's kappa: (p_o − p_e) / (1 − p_e), with p_e from the two coders' own marginals. */
export function kappaByHand(a: string[], b: string[]): number {
  const n = a.length;
  const agree = a.filter((x, i) => x === b[i]).length / n;
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const ma = count(a);
  const mb = count(b);
  let expected = 0;
  for (const [code, k] of ma) expected += (k / n) * ((mb.get(code) ?? 0) / n);
  return (agree - expected) / (1 - expected);
}
