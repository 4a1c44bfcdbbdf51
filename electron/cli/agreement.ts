import { readFile } from 'node:fs/promises';
import { cutToTopLevel, LabelFileError, parseLongLabels } from '../../shared/agreement/longFormat.ts';
import { buildAgreementReport, type AgreementReport } from '../../shared/agreement/report.ts';
import { UsageError } from './inspect.ts';

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** `workbench agreement LABELS.csv [--categories CATS.txt] [--level top|full]`. */
export async function agreementOfFile(labelsPath: string, options: { categoriesPath?: string; level?: 'top' | 'full' }): Promise<AgreementReport> {
  const text = await readText(labelsPath, 'labels');
  let matrix;
  try {
    matrix = parseLongLabels(text, labelsPath);
  } catch (e) {
    if (e instanceof LabelFileError) throw new UsageError(e.message);
    throw e;
  }
  let categories = matrix.labelsSeen;
  if (options.categoriesPath) {
    // One category per line, exactly as written; a final newline does not make an empty category.
    categories = (await readText(options.categoriesPath, 'categories')).replace(/^\uFEFF/, '').split(/\r?\n/);
    if (categories[categories.length - 1] === '') categories.pop();
  }
  let ratings = matrix.ratings;
  if (options.level === 'top') ({ ratings, categories } = cutToTopLevel(matrix, categories));
  try {
    return buildAgreementReport(ratings, categories, matrix.items.length);
  } catch (e) {
    throw new UsageError(`${labelsPath}: ${(e as Error).message}`);
  }
}
