import { readFileSync } from 'node:fs';

/** The agreement test vectors in tests/fixtures/reference (test-only helper; see the README there). */
export interface AgreementCase {
  id: string;
  categories: string[];
  rater1: Array<string | null>;
  rater2: Array<string | null>;
  raters?: Array<Array<string | null>>;
  expected: { pair: Record<string, number | null | Record<string, number | null>> };
}

export function loadAgreementCases(): AgreementCase[] {
  const url = new URL('../fixtures/reference/agreement-cases.public.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: AgreementCase[] }).cases;
}

/** rtol 1e-9 plus atol 1e-12, as the vectors' conventions say; null must match null. */
export function expectClose(actual: number | null, expected: number | null, label: string): void {
  if (expected === null || actual === null) {
    if (expected !== actual) throw new Error(`${label}: expected ${String(expected)}, got ${String(actual)}`);
    return;
  }
  const tolerance = 1e-12 + 1e-9 * Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`${label}: expected ${expected}, got ${actual} (difference ${Math.abs(actual - expected)})`);
  }
}
