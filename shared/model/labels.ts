/** The three dimensions each incident is coded on (study paper, section III-C). */
export type Dimension = 'symptom' | 'rootCause' | 'mitigation';
export const DIMENSIONS: readonly Dimension[] = ['symptom', 'rootCause', 'mitigation'];
export const DIMENSION_NAMES: Record<Dimension, string> = {
  symptom: 'Symptom',
  rootCause: 'Root cause',
  mitigation: 'Mitigation',
};

export interface Annotator {
  id: string;
  name: string;
  createdAt: string;
}

/** One annotator's primary code for one incident on one dimension. */
export interface Label {
  incidentId: string;
  annotatorId: string;
  dimension: Dimension;
  /** Full code path in the codebook, e.g. "degraded-performance/api-level". */
  code: string;
  rationale: string;
  codebookId: string;
  /** The codebook's version when the code was given (codebooks evolve during open coding). */
  codebookVersion?: number;
  /** The labelling round (the study labels its sets in rounds, meeting between them). */
  round?: number;
  savedAt: string;
}

/** The lead's decision on a disagreement: who decided what, when and why. */
export interface Resolution {
  incidentId: string;
  dimension: Dimension;
  code: string;
  /** Which coder's code was taken, or "other" when the lead chose a third code. */
  choice: 'A' | 'B' | 'other';
  rationale: string;
  resolvedBy: string;
  resolvedAt: string;
  /** The two codes that disagreed, kept so a revisit shows what was decided between. */
  codeA: string;
  codeB: string;
  /** A change to the codebook the disagreement suggests (a missing category, a definition to sharpen). */
  proposedCodebookChange?: string;
}
