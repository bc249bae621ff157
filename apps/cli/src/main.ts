#!/usr/bin/env node
import { CommanderError } from 'commander';
import { type Io, errorReport, printError, processIo } from './output';
import { type RunState, buildProgram } from './program';

/** Runs one command line; resolves to the exit code (0, 1 on any error, 130 when a tail is interrupted). */
export async function runCli(argv: string[], io: Io = processIo, cwd?: string): Promise<number> {
  const state: RunState = { exitCode: 0, json: argv.includes('--json') };
  const program = buildProgram(io, state, cwd);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (err) {
    // Commander already printed its usage error (or the help/version it was asked for).
    if (err instanceof CommanderError) return err.exitCode;
    printError(io, errorReport(err, state.settings?.apiUrl), state.json);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
