// Snapshot ids (DESIGN §6): what they may contain, how a default is derived from a file or
// S3 key, and how an id becomes a file name that is safe on every OS.

import { ID_CHAR, ID_RULE, isValidSnapshotId, MAX_ID_LENGTH } from '../../shared/snapshot-id';

export { ID_RULE, isValidSnapshotId, MAX_ID_LENGTH };

export class InvalidSnapshotIdError extends Error {
  override name = 'InvalidSnapshotIdError';
}

/** Throws an error that says what is allowed when `id` is not a valid snapshot id. */
export function validateSnapshotId(id: unknown): string {
  if (isValidSnapshotId(id)) return id;
  if (typeof id !== 'string') throw new InvalidSnapshotIdError(`snapshot id must be text: ${ID_RULE}`);
  const shown = id.length > 120 ? `${id.slice(0, 120)}…` : id;
  let why: string;
  if (id.length === 0) why = 'it is empty';
  else if (id.length > MAX_ID_LENGTH) why = `it is ${id.length} characters long`;
  else why = `it contains ${describeChar(Array.from(id).find((ch) => !ID_CHAR.test(ch))!)}`;
  throw new InvalidSnapshotIdError(`invalid snapshot id '${shown}': ${why}; use ${ID_RULE} (for example sendermodels-2016-08-22_02:25:57)`);
}

/** The form under which ids are unique: two ids differing only in case name one snapshot. */
export function foldSnapshotId(id: string): string {
  return id.toLowerCase();
}

/**
 * The default id for a file path or S3 key: its base name without the last extension, with
 * each character an id cannot hold replaced by `-`, cut to 100 characters.
 */
export function defaultIdFromName(fileOrKey: string): string {
  // Both separators: S3 keys use '/', Windows paths '\', whatever OS we run on.
  const base = fileOrKey.split(/[/\\]/u).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base; // '.hidden' keeps its name, like path.extname
  // Array.from walks code points, so one emoji becomes one '-', not two.
  const id = Array.from(stem, (ch) => (ID_CHAR.test(ch) ? ch : '-'))
    .join('')
    .slice(0, MAX_ID_LENGTH);
  if (id === '') {
    throw new InvalidSnapshotIdError(`cannot derive a snapshot id from '${fileOrKey}'; give one with --id (${ID_RULE})`);
  }
  return id;
}

/** The id of a feedback pull made at `date`: `feedback-YYYYMMDDTHHMMSSZ` (UTC). */
export function feedbackPullId(date: Date): string {
  return pullId('feedback', date);
}

/** The id of a context pull made at `date`: `context-YYYYMMDDTHHMMSSZ` (UTC, DESIGN §8). */
export function contextPullId(date: Date): string {
  return pullId('context', date);
}

function pullId(kind: string, date: Date): string {
  const iso = date.toISOString(); // 2026-03-04T05:06:07.890Z
  return `${kind}-${iso.slice(0, 19).replace(/[-:]/gu, '')}Z`;
}

// Names Windows reserves for devices, with any extension (`CON.1.sqlite` is the console).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/iu;

/**
 * The id as a file-name stem: ':' (forbidden in Windows file names) becomes '+', and a stem
 * Windows reserves for a device gets a '~' prefix. Ids contain neither '+' nor '~', so the
 * mapping stays one-to-one.
 */
export function safeIdStem(id: string): string {
  const stem = validateSnapshotId(id).replaceAll(':', '+');
  const beforeDot = stem.split('.')[0];
  return WINDOWS_RESERVED.test(beforeDot) ? `~${stem}` : stem;
}

/** The file of generation `generation` of snapshot `id`: `<safe-id>.<n>.sqlite`. */
export function snapshotFileName(id: string, generation: number): string {
  if (!Number.isSafeInteger(generation) || generation < 1) {
    throw new RangeError(`snapshot generation must be a positive integer, got ${generation}`);
  }
  return `${safeIdStem(id)}.${generation}.sqlite`;
}

/** The generation number in a snapshot file name, or null when the name is not one. */
export function generationOfFileName(fileName: string): number | null {
  const m = /\.([1-9][0-9]*)\.sqlite$/u.exec(fileName);
  return m ? Number(m[1]) : null;
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch === ' ') return 'a space';
  if (code < 0x20 || code === 0x7f) return `a control character (${hex})`;
  return `'${ch}' (${hex})`;
}
