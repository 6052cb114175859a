// `smw` (DESIGN §6). Exit 0 on success; 1 when the command could not do its job, with one
// clear line on stderr and no stack trace; 2 for `--fail-on-regression`. `--help` anywhere
// prints that command's usage and `--version` the package's, before anything else is checked
// or opened.

import packageJson from '../../package.json';
import { resolveDataDir } from '../workspace/data-dir';
import { Workspace } from '../workspace/workspace';
import { dataDirOf, wantsHelp } from './args';
import { CliError, UsageError, type CliIo } from './cli-error';
import { oneLine } from './one-line';
import { runPullCommand } from './pull-command';
import { runCompare, runFindings, runReputation } from './report-commands';
import { runDemo, runImport, runList } from './snapshot-commands';
import { standardIo } from './standard-io';
import { COMMAND_NAMES, COMMAND_USAGE, GLOBAL_USAGE, type CommandName } from './usage';

export { GLOBAL_USAGE as USAGE } from './usage';

export const VERSION: string = packageJson.version;

function helpTopic(command: string | undefined, rest: string[]): CommandName | null {
  if (command === 'pull' && rest[0] === 'context') return 'pull context';
  return (COMMAND_NAMES as readonly string[]).includes(command ?? '') ? (command as CommandName) : null;
}

export interface CliOptions {
  /** The demo sources for `smw demo`: the installed app passes its resources' copy. */
  demoDir?: string;
}

export async function main(argv: string[], io: CliIo = standardIo(), options: CliOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command === 'help' || wantsHelp(argv)) {
    const topic = helpTopic(command === 'help' ? rest[0] : command, command === 'help' ? rest.slice(1) : rest);
    io.stdout(`${topic ? COMMAND_USAGE[topic] : GLOBAL_USAGE}\n`);
    return 0;
  }
  let workspace: Workspace | undefined;
  try {
    if (!command || command.startsWith('-')) throw new UsageError(null, `a command is needed: ${COMMAND_NAMES.join(', ')}`);
    if (!(COMMAND_NAMES as readonly string[]).includes(command)) throw new UsageError(null, `unknown command '${command}'`);
    const dataDir = resolveDataDir(dataDirOf(rest));
    const open = () => (workspace ??= Workspace.open(dataDir));
    switch (command as (typeof COMMAND_NAMES)[number]) {
      case 'import':
        return await runImport(rest, open, io);
      case 'pull':
        return await runPullCommand(rest, io, dataDir);
      case 'list':
        return runList(rest, open, io);
      case 'findings':
        return await runFindings(rest, open, io);
      case 'reputation':
        return await runReputation(rest, open, io);
      case 'compare':
        return await runCompare(rest, open, io);
      case 'demo':
        return await runDemo(rest, open, io, options.demoDir);
    }
    throw new UsageError(null, `unknown command '${command}'`);
  } catch (error) {
    io.stderr(`smw: ${oneLine(error)}\n`);
    if (process.env.SMW_DEBUG && !(error instanceof CliError)) io.stderr(`${(error as Error).stack}\n`);
    return 1;
  } finally {
    workspace?.close();
  }
}
