#!/usr/bin/env node
// Runs the TypeScript CLI straight from a checkout through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./main.ts');
try {
  const result = await runCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
} catch (error) {
  process.stderr.write(`workbench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
