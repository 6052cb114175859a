// Parsing one command's flags (DESIGN §6): unknown flags, missing values and a wrong number of
// arguments are usage errors, one line ending `(see smw COMMAND --help)`.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error';
import type { CommandName } from './usage';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

/** Every command takes --data-dir (read by smw itself before the command runs). */
const COMMON: Options = { 'data-dir': { type: 'string' } };

/** `positionals`: how many arguments the command takes; -1 for any number (the command checks). */
export function parse(command: CommandName, argv: string[], options: Options, positionals: number): { values: Values; positionals: string[] } {
  let parsed: { values: unknown; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: { ...options, ...COMMON }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(command, (error as Error).message.replace(/\. To specify.*$/s, '').replace(/\.$/, ''));
  }
  if (positionals >= 0 && parsed.positionals.length !== positionals) {
    const got = parsed.positionals.length;
    throw new UsageError(
      command,
      positionals === 0
        ? `unexpected argument${got === 1 ? '' : 's'}: ${parsed.positionals.join(' ')}`
        : `expected ${positionals} argument${positionals === 1 ? '' : 's'}, got ${got}: ${parsed.positionals.join(' ') || '(none)'}`,
    );
  }
  return parsed as { values: Values; positionals: string[] };
}

/** A required `--name VALUE`. */
export function required(command: CommandName, values: Values, name: string, what = 'ID'): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(command, `--${name} ${what} is required`);
  return v;
}

export function optionalString(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** --data-dir as given anywhere on the line, before the command's own parsing. */
export function dataDirOf(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice('--data-dir='.length) : argv[i + 1];
}

/** `--help` or `-h` anywhere (DESIGN §6), before any other check. */
export function wantsHelp(argv: string[]): boolean {
  return argv.some((a) => a === '--help' || a === '-h');
}
