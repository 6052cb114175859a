// Every snapshot keeps the problems its import reported, so the app can show them later.

import type Database from 'better-sqlite3';
import type { Problem } from '../../shared/types';

export function writeProblems(db: Database.Database, problems: Problem[]): void {
  db.exec(`CREATE TABLE problems (n INTEGER PRIMARY KEY, line INTEGER, row TEXT, field TEXT NOT NULL, value TEXT NOT NULL, reason TEXT NOT NULL) STRICT`);
  const insert = db.prepare('INSERT INTO problems (n, line, row, field, value, reason) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    problems.forEach((p, n) => insert.run(n + 1, p.line ?? null, p.row === undefined ? null : JSON.stringify(p.row), p.field, p.value, p.reason));
  })();
}

export function readProblems(db: Database.Database): Problem[] {
  const rows = db.prepare('SELECT line, row, field, value, reason FROM problems ORDER BY n').all() as Array<{
    line: number | null;
    row: string | null;
    field: string;
    value: string;
    reason: string;
  }>;
  return rows.map((r) => ({
    ...(r.line !== null ? { line: r.line } : {}),
    ...(r.row !== null ? { row: JSON.parse(r.row) as number | string } : {}),
    field: r.field,
    value: r.value,
    reason: r.reason,
  }));
}
