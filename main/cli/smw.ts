// `smw` (DESIGN §6). Exit 0 on success; 1 when the command could not do its job, with one
// clear line on stderr and no stack trace; 2 for `--fail-on-regression`.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveDataDir } from '../workspace/data-dir';
import { Workspace } from '../workspace/workspace';
import { CliError, type CliIo } from './cli-error';
import { runCompare, runFindings, runReputation } from './report-commands';
import { runDemo, runImport, runList } from './snapshot-commands';

export const USAGE = `Usage:
  smw import sender-model|reputation|feedback FILE [--id ID] [--replace] [--json]
  smw pull sender-model|reputation s3://BUCKET/KEY [--id ID] [--endpoint URL] [--region R] [--profile P] [--json]
  smw pull feedback --pg postgres://USER@HOST:PORT/DB [--table user_response] [--id ID] [--json]
  smw list [--json]
  smw findings --build ID [--feedback ID] [--cutoff X] [--json|--csv]
  smw reputation --build ID [--feedback ID] [--cutoff X] [--json|--csv]
  smw compare --base ID --candidate ID [--feedback ID] [--cutoff X] [--json|--csv] [--fail-on-regression]
  smw demo
Every command takes --data-dir DIR (or SMW_DATA_DIR); default the per-user app-data folder.`;

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses one command's flags; unknown flags and missing values are usage errors. */
export function parse(argv: string[], options: Options, positionals: number): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, 'data-dir': { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.replace(/\. To specify.*$/s, '')} (see smw --help)`);
  }
  if (parsed.positionals.length !== positionals) {
    throw new CliError(`expected ${positionals} argument${positionals === 1 ? '' : 's'}, got ${parsed.positionals.length}: ${parsed.positionals.join(' ') || '(none)'} (see smw --help)`);
  }
  return parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
}

function dataDirOf(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice('--data-dir='.length) : argv[i + 1];
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  let workspace: Workspace | undefined;
  try {
    const dataDir = resolveDataDir(dataDirOf(rest));
    const open = () => (workspace ??= Workspace.open(dataDir));
    switch (command) {
      case 'import':
        return await runImport(rest, open, io);
      case 'pull': {
        const { runPullCommand } = await import('../pull/cli-pull');
        return await runPullCommand(rest, io, dataDir);
      }
      case 'list':
        return runList(rest, open, io);
      case 'findings':
        return runFindings(rest, open, io);
      case 'reputation':
        return runReputation(rest, open, io);
      case 'compare':
        return runCompare(rest, open, io);
      case 'demo':
        return await runDemo(rest, open, io);
      default:
        throw new CliError(`unknown command '${command}' (see smw --help)`);
    }
  } catch (error) {
    io.stderr(`smw: ${oneLine(error)}\n`);
    if (process.env.SMW_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return 1;
  } finally {
    workspace?.close();
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
  };
}
