// Snapshot ids (DESIGN §6): 1–100 characters of letters, digits and `. _ - :`, declared once for
// the API's validation, the workspace and the import forms.

export const MAX_ID_LENGTH = 100;

// ASCII only on purpose: ids are compared case-insensitively (macOS and Windows file systems
// fold case), and ASCII case folding is unambiguous in every locale.
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/u;
/** One character an id may hold. */
export const ID_CHAR = /^[A-Za-z0-9._:-]$/u;

/** What an id may be, in a person's words (forms show it under a field). */
export const ID_RULE_SHORT = 'an id is 1–100 letters, digits and . _ - :';
export const ID_RULE = `1–${MAX_ID_LENGTH} characters of letters (A–Z, a–z), digits and . _ - :`;

export function isValidSnapshotId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}
