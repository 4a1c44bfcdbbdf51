import { readFileSync } from 'node:fs';
import { inspectFile, readMappingFile, UsageError } from './inspect.ts';

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
    `${args[0]}: ${report.format}, ${report.total} records, ${report.valid} valid incidents, ${report.invalid} invalid rows`,
    ...report.errors.slice(0, 20).map((e) => `  row ${e.row}, ${e.field}: ${e.message}`),
    ...(report.errors.length > 20 ? [`  … and ${report.errors.length - 20} more errors (use --json for all)`] : []),
  ];
  return { code, stdout: `${lines.join('\n')}\n`, stderr: '' };
}

export async function runCli(argv: readonly string[]): Promise<CliResult> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { code: 0, stdout: HELP, stderr: '' };
    if (command === 'version' || command === '--version' || command === '-v') return { code: 0, stdout: `${version()}\n`, stderr: '' };
    if (command === 'inspect') return await inspectCommand(rest);
    return { code: 2, stdout: '', stderr: `workbench: unknown command "${command}". Run "workbench --help" for the list.\n` };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, stdout: '', stderr: `workbench: ${error.message}\n` };
    return { code: 1, stdout: '', stderr: `workbench: ${(error as Error).message}\n` };
  }
}
