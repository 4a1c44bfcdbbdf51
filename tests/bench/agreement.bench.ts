/**
 * bench:agreement — every agreement statistic for 100k items × 2 coders and for 10k items × 5 coders, in Node.
 * Baseline, measured in the same run: one pass that only tallies the two coders' contingency table, the least
 * work any kappa needs. Prints medians of 7 runs and, last, `agreement_100k_ms=X` (target ≤ 100).
 */
import { computeMultiRaterAgreement } from '../../shared/agreement/multiRater.ts';
import { computePairAgreement } from '../../shared/agreement/pairStatistics.ts';
import { loadDefaultCodebook, flattenCodes } from '../../shared/codebook/codebook.ts';

const categories = flattenCodes(loadDefaultCodebook(), 'rootCause').map((c) => c.path);
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

function coders(items: number, count: number, missing: number): Array<Array<string | null>> {
  const truth = Array.from({ length: items }, () => categories[Math.floor(random() * categories.length)]!);
  return Array.from({ length: count }, () =>
    truth.map((t) => (random() < missing ? null : random() < 0.85 ? t : categories[Math.floor(random() * categories.length)]!)),
  );
}

function time(fn: () => unknown, runs = 7): number {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

function tallyOnly(a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): number {
  const counts = new Map<string, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null) continue;
    const key = `${x}\u0000${y}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts.size;
}

const [a, b] = coders(100_000, 2, 0.01) as [Array<string | null>, Array<string | null>];
const five = coders(10_000, 5, 0.05);

const baselineMs = time(() => tallyOnly(a, b));
const pairMs = time(() => computePairAgreement(a, b, categories));
const pairAndAllMs = time(() => {
  computePairAgreement(a, b, categories);
  computeMultiRaterAgreement([a, b], categories);
});
const fiveMs = time(() => {
  computePairAgreement(five[0]!, five[1]!, categories);
  computeMultiRaterAgreement(five, categories);
});

console.log(`categories: ${categories.length} (the default codebook's root-cause codes)`);
console.log(`baseline, tally of the 100k-item contingency table only: ${baselineMs.toFixed(1)} ms`);
console.log(`100k items × 2 coders, pair statistics (kappa + SE/CI/z/p, pi, alpha, AC1 + SE, PABAK, S, per-category kappa): ${pairMs.toFixed(1)} ms`);
console.log(`100k items × 2 coders, pair + all-rater statistics: ${pairAndAllMs.toFixed(1)} ms (${(pairAndAllMs / baselineMs).toFixed(1)}× the baseline)`);
console.log(`10k items × 5 coders, pair + all-rater statistics (incl. 10 pairwise kappas): ${fiveMs.toFixed(1)} ms`);
console.log(`agreement_100k_ms=${pairAndAllMs.toFixed(1)}`);
