/** An error the CLI prints as one line and exits 1 on (DESIGN §6), no stack trace. */
export class CliError extends Error {}

/**
 * A command line that does not say what to do: one line ending `(see smw COMMAND --help)`
 * (DESIGN §6), or `(see smw --help)` when the command itself is unknown.
 */
export class UsageError extends CliError {
  constructor(command: string | null, message: string) {
    super(`${message} (see smw ${command ? `${command} ` : ''}--help)`);
  }
}

export interface CliIo {
  /**
   * Writes to stdout. A returned promise resolves when more may be written (backpressure), so
   * a report of any size is written in flat memory.
   */
  stdout: (data: string | Uint8Array) => void | Promise<void>;
  stderr: (text: string) => void;
  /** stderr is a terminal: progress lines are drawn on it. */
  isTTY: boolean;
  /** True once stdout's reader has gone (`| head`): stop writing and end quietly with exit 0. */
  stdoutClosed?: () => boolean;
}
