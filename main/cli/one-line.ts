/** The first line of an error's message: what the CLI prints on stderr (DESIGN §6). */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
