import { readFileSync } from 'node:fs';

/** The headless `workbench` command: Node and shared/ only, never Electron. */
const HELP = `workbench: the Incident Workbench command line

Usage: workbench <command> [options]

Commands:
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

export function runCli(argv: readonly string[]): CliResult {
  const [command] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { code: 0, stdout: HELP, stderr: '' };
  }
  if (command === 'version' || command === '--version' || command === '-v') {
    return { code: 0, stdout: `${version()}\n`, stderr: '' };
  }
  return { code: 2, stdout: '', stderr: `workbench: unknown command "${command}". Run "workbench --help" for the list.\n` };
}
