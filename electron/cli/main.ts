import { readFileSync } from 'node:fs';
import { inspectFile, readMappingFile, UsageError } from './inspect.ts';
import { agreementOfFile } from './agreement.ts';
import { writePostmortem, writeStudyReport } from './report.ts';
import { markControlCharacters } from '../../shared/text/hiddenText.ts';

/** The headless `workbench` command: Node and shared/ only, never Electron. */
const HELP = `workbench: the Incident Workbench command line

Usage: workbench <command> [options]

Commands:
  inspect FILE [--format F] [--mapping M.json] [--json]
                     read an incident export the way an import would, and report
                     its format, row counts, row errors and the first incidents.
                     F is csv, json, jsonl, markdown or a built-in format id;
                     without it the format is detected and generic files are
                     mapped by their column names. Exits 1 when nothing is valid.
  agreement LABELS.csv [--categories CATS.txt] [--level top|full] [--json]
                     inter-rater agreement of long-format labels (header
                     item,coder,label; an empty label is a missing rating):
                     Cohen's kappa with SE, CI, z and p, Scott's pi,
                     Krippendorff's alpha, Gwet's AC1, PABAK, Bennett's S and
                     per-category kappa for the first two coders; Fleiss' kappa,
                     alpha, AC1 and mean pairwise kappa for all of them.
  report STUDY_FILE --out DIR [--normalised] [--cohort NAME]
         [--compare rest|NAME] [--coders A,B] [--level top|full]
                     the study's figures (DIR/figures/*.svg, drawn headless),
                     tables (DIR/tables/*.csv and *.tex) and the whole report
                     (DIR/report.html, self-contained) from a study file, as the
                     Analysis screen shows them. --normalised hides absolute
                     counts and gives times in multiples of the median.
  postmortem STUDY_FILE INCIDENT_ID [--format md|html]
                     a draft postmortem of one incident from the default
                     template: prefilled from the incident (timeline, times to
                     detect and mitigate, detection, triage) and its final codes,
                     with similar past incidents and its root-cause category's
                     time to mitigate. Printed to stdout.
  version            print the version
  help               print this help

Options:
  -h, --help         print this help
  -v, --version      print the version
`;

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

async function inspectCommand(rest: string[]): Promise<CliResult> {
  const args = [...rest];
  const json = args.includes('--json');
  if (json) args.splice(args.indexOf('--json'), 1);
  const format = option(args, '--format');
  const mappingPath = option(args, '--mapping');
  const unknown = args.filter((a) => a.startsWith('--'));
  if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}`);
  if (args.length !== 1) throw new UsageError('inspect takes exactly one FILE');
  const mapping = mappingPath ? await readMappingFile(mappingPath) : undefined;
  const report = await inspectFile(args[0]!, { format, mapping });
  const code = report.valid > 0 ? 0 : 1;
  if (json) return { code, stdout: `${JSON.stringify(report)}\n`, stderr: code ? `workbench: no valid incident in ${args[0]}\n` : '' };
  const lines = [
    `${args[0]}: ${report.format}, ${report.encoding}, ${report.total} records, ${report.valid} valid incidents, ${report.invalid} invalid rows`,
    ...(report.encodingNote ? [`  note: ${report.encodingNote}`] : []),
    ...report.errors.slice(0, 20).map((e) => `  row ${e.row}, ${e.field}: ${e.message}`),
    ...(report.errors.length > 20 ? [`  … and ${report.errors.length - 20} more errors (use --json for all)`] : []),
    ...report.warnings.map((w) => `  warning: ${w.message}: ${w.values.slice(0, 5).map((v) => JSON.stringify(v.value)).join(', ')}${w.values.length > 5 || w.moreValues > 0 ? ', …' : ''}`),
  ];
  return { code, stdout: `${lines.join('\n')}\n`, stderr: '' };
}

async function agreementCommand(rest: string[]): Promise<CliResult> {
  const args = [...rest];
  const json = args.includes('--json');
  if (json) args.splice(args.indexOf('--json'), 1);
  const categoriesPath = option(args, '--categories');
  const level = option(args, '--level') ?? 'full';
  if (level !== 'top' && level !== 'full') throw new UsageError('--level is top or full');
  const unknown = args.filter((a) => a.startsWith('--'));
  if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}`);
  if (args.length !== 1) throw new UsageError('agreement takes exactly one LABELS.csv');
  const report = await agreementOfFile(args[0]!, { categoriesPath, level });
  if (json) return { code: 0, stdout: `${JSON.stringify(report)}\n`, stderr: '' };
  const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : String(v));
  const lines = [`${report.n_items} items, ${report.n_coders} coders`];
  if (report.pair) {
    const p = report.pair;
    lines.push(
      `first two coders (${p.n_pairs} items): kappa ${fmt(p.cohen_kappa)} (95% CI ${fmt(p.cohen_kappa_ci95_lower)} to ${fmt(p.cohen_kappa_ci95_upper)}), p_o ${fmt(p.observed_agreement)}, Scott's pi ${fmt(p.scott_pi)}, alpha ${fmt(p.krippendorff_alpha_nominal)}, AC1 ${fmt(p.gwet_ac1)}, PABAK ${fmt(p.pabak)}`,
    );
  }
  const a = report.all_raters;
  lines.push(`all coders: Fleiss' kappa ${fmt(a.fleiss_kappa)}, alpha ${fmt(a.krippendorff_alpha_nominal)}, AC1 ${fmt(a.gwet_ac1)}, mean pairwise kappa ${fmt(a.mean_pairwise_cohen_kappa)}`);
  return { code: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
}

async function reportCommand(rest: string[]): Promise<CliResult> {
  const args = [...rest];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i !== -1) args.splice(i, 1);
    return i !== -1;
  };
  const normalised = flag('--normalised');
  const json = flag('--json');
  const out = option(args, '--out');
  const cohort = option(args, '--cohort');
  const compare = option(args, '--compare');
  const coders = option(args, '--coders');
  const level = option(args, '--level') ?? 'top';
  if (level !== 'top' && level !== 'full') throw new UsageError('--level is top or full');
  const unknown = args.filter((a) => a.startsWith('--'));
  if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}`);
  if (args.length !== 1) throw new UsageError('report takes exactly one STUDY_FILE');
  if (!out) throw new UsageError('report needs --out DIR');
  const pair = coders?.split(',').map((c) => c.trim());
  if (pair && pair.length !== 2) throw new UsageError('--coders takes two names, comma-separated');
  const written = await writeStudyReport(args[0]!, out, { cohort, compare, coders: pair as [string, string] | undefined, level, normalised }, new Date());
  if (json) return { code: 0, stdout: `${JSON.stringify(written)}\n`, stderr: '' };
  return { code: 0, stdout: `${written.figures.length} figures, ${written.tables.length} table files and ${written.html}\n`, stderr: '' };
}

/**
 * Text printed to a terminal with its control characters shown, not sent: a draft's text comes from incidents and other
 * people's study files, and an escape sequence in it would drive the terminal (clear it, rewrite the clipboard, …).
 */
export function terminalSafe(text: string): string {
  return markControlCharacters(text);
}

async function postmortemCommand(rest: string[]): Promise<CliResult> {
  const args = [...rest];
  const format = option(args, '--format') ?? 'md';
  if (format !== 'md' && format !== 'html') throw new UsageError('--format is md or html');
  const unknown = args.filter((a) => a.startsWith('--'));
  if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}`);
  if (args.length !== 2) throw new UsageError('postmortem takes a STUDY_FILE and an INCIDENT_ID');
  return { code: 0, stdout: terminalSafe(await writePostmortem(args[0]!, args[1]!, format)), stderr: '' };
}

export async function runCli(argv: readonly string[]): Promise<CliResult> {
  const [command, ...rest] = argv;
  // With --json, a failure is a JSON object too, so a script reading stdout always gets JSON.
  const json = rest.includes('--json');
  const fail = (code: number, message: string): CliResult => ({
    code,
    stdout: json ? `${JSON.stringify({ error: message, code })}\n` : '',
    stderr: `workbench: ${message}\n`,
  });
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { code: 0, stdout: HELP, stderr: '' };
    if (command === 'version' || command === '--version' || command === '-v') return { code: 0, stdout: `${version()}\n`, stderr: '' };
    if (command === 'inspect') return await inspectCommand(rest);
    if (command === 'agreement') return await agreementCommand(rest);
    if (command === 'report') return await reportCommand(rest);
    if (command === 'postmortem') return await postmortemCommand(rest);
    return { code: 2, stdout: '', stderr: `workbench: unknown command "${command}". Run "workbench --help" for the list.\n` };
  } catch (error) {
    if (error instanceof UsageError) return fail(2, error.message);
    return fail(1, (error as Error).message);
  }
}
