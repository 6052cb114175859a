// API errors arrive as Error objects whose message is meant for a person (the core words them).

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  return 'something went wrong';
}
