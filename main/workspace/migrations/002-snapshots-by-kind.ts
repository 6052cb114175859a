// v2: an index for "the latest snapshot of a kind" (the default --feedback, DESIGN §6) and
// the list order, which otherwise scan and sort the whole registry.

import type { Migration } from './migration';

export const migration002: Migration = {
  version: 2,
  name: 'index snapshots by kind and creation time',
  up(db) {
    db.exec(`CREATE INDEX snapshots_by_kind ON snapshots (kind, created_at, id);`);
  },
};
