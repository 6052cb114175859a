// Every workspace.db migration, oldest first. Add a file and a line here; never edit a
// migration that has shipped.

import { migration001 } from './001-initial';
import { migration002 } from './002-snapshots-by-kind';
import { migration003 } from './003-context-snapshots';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003];
