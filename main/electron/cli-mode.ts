// `smw` from the installed app. The packaged app has no Node.js of its own to run out/main/smw.js
// with (the RunAsNode fuse is off, on purpose), so its launcher (launcher/smw) starts the app's
// executable as `<app> --cli -- ARGS`: the main process then runs the command line on Electron's
// Node, with the app's own better-sqlite3, prints to the terminal, exits with the CLI's code and
// never opens a window. The '--' ends Chromium's switches, so it never reads the user's
// arguments as its own.

export const CLI_FLAG = '--cli';

/** The command line's arguments when the app was started as `smw`; null for the desktop app. */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG, 1);
  if (at < 0) return null;
  const rest = argv.slice(at + 1);
  return rest[0] === '--' ? rest.slice(1) : rest;
}
