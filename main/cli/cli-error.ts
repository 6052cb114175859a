/** An error the CLI prints as one line and exits 1 on (DESIGN §6), no stack trace. */
export class CliError extends Error {}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}
