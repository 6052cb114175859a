// Errors a user can act on. Their messages are written for the CLI's one stderr line and the
// app's error banner; the classes let callers tell them apart without parsing text.

import type { SnapshotInfo } from '../../shared/types';

export class SnapshotExistsError extends Error {
  override name = 'SnapshotExistsError';
  /** `advice`: what to do, in the words of where it was asked (the CLI's flags by default; the app's form fields). */
  constructor(
    readonly id: string,
    readonly existing: SnapshotInfo,
    advice = 'use --replace or --id',
  ) {
    const sameSpelling = existing.id === id;
    super(
      `snapshot id '${id}' already exists${sameSpelling ? '' : ` as '${existing.id}' (ids ignore case)`} ` +
        `(a ${existing.kind} ${existing.source.startsWith('s3://') || existing.source.startsWith('postgres') ? 'pulled' : 'imported'} ` +
        `${existing.createdAt}); ${advice}`,
    );
  }
}

export class SnapshotNotFoundError extends Error {
  override name = 'SnapshotNotFoundError';
  constructor(readonly id: string) {
    super(`no snapshot '${id}' in this workspace; 'smw list' shows the snapshots there are`);
  }
}
