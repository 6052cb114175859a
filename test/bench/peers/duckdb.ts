// DuckDB as a data engineer would use it: the model and the feedback as tables with integer
// address columns (BIGINT), and the overlap join written in SQL (RANGE_JOIN_SQL) with GROUP BY
// for count/min/avg/max. Only the query is timed; loading goes through the appender in
// column chunks, then one SQL statement that puts the domain names in (fast, and not timed).

import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, UINTEGER, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { RANGE_JOIN_SQL, type PeerInput, type PeerRow, type PeerTiming } from './peer-input';

const CHUNK = 2048;

type Column = Int32Array | Uint32Array | Float64Array;

/** Appends typed columns to `table` a data chunk (2048 rows) at a time. */
async function appendColumns(connection: DuckDBConnection, table: string, types: DuckDBType[], columns: Column[], rows: number): Promise<void> {
  const appender = await connection.createAppender(table);
  let chunk = DuckDBDataChunk.create(types, CHUNK);
  for (let at = 0; at < rows; at += CHUNK) {
    const m = Math.min(CHUNK, rows - at);
    if (m !== CHUNK) chunk = DuckDBDataChunk.create(types, m);
    for (let c = 0; c < columns.length; c++) {
      const vector = chunk.getColumnVector(c) as unknown as { items?: unknown; setItem(i: number, v: number): void; flush(): void };
      const column = columns[c];
      // The vector's values are a typed array of the column's type: copy a slice in at once
      // (2.5× faster than setItem per value); setItem if a version of the API hides them.
      if (vector.items instanceof column.constructor) (vector.items as typeof column).set(column.subarray(at, at + m) as never);
      else for (let k = 0; k < m; k++) vector.setItem(k, column[at + k]);
      vector.flush();
    }
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

export interface DuckdbOptions {
  /** Run only these IPv4 items (positions in input.itemId), for a budgeted sample. */
  sample?: number[];
  threads?: number;
}

export async function duckdbJoin(input: PeerInput, options: DuckdbOptions = {}): Promise<PeerTiming> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 2) });
  const connection = await instance.connect();
  try {
    let t = performance.now();
    await connection.run('CREATE TABLE domains (domain_id INTEGER, domain VARCHAR)');
    const domainAppender = await connection.createAppender('domains');
    input.domains.forEach((name, d) => {
      domainAppender.appendInteger(d);
      domainAppender.appendVarchar(name);
      domainAppender.endRow();
    });
    domainAppender.flushSync();
    domainAppender.closeSync();
    await connection.run('CREATE TABLE model_raw (domain_id INTEGER, start_ip UINTEGER, end_ip UINTEGER, score DOUBLE)');
    await appendColumns(
      connection,
      'model_raw',
      [INTEGER, UINTEGER, UINTEGER, DOUBLE],
      [input.entryDomain, input.entryStart, input.entryEnd, input.entryScore],
      input.entryStart.length,
    );
    await connection.run(`CREATE TABLE model AS
      SELECT d.domain, m.start_ip::BIGINT AS start_ip, m.end_ip::BIGINT AS end_ip, m.score
      FROM model_raw m JOIN domains d USING (domain_id)`);
    await connection.run('DROP TABLE model_raw');

    const positions = options.sample ?? Array.from({ length: input.itemId.length }, (_, k) => k);
    await connection.run('CREATE TABLE feedback (item INTEGER, domain VARCHAR, start_ip BIGINT, end_ip BIGINT)');
    const feedback = await connection.createAppender('feedback');
    for (const k of positions) {
      feedback.appendInteger(input.itemId[k]);
      feedback.appendVarchar(input.itemDomain[k]);
      feedback.appendBigInt(BigInt(input.itemStart[k]));
      feedback.appendBigInt(BigInt(input.itemEnd[k]));
      feedback.endRow();
    }
    feedback.flushSync();
    feedback.closeSync();
    const loadMs = performance.now() - t;

    t = performance.now();
    const result = await connection.run(RANGE_JOIN_SQL);
    const queryMs = performance.now() - t;
    const rows: PeerRow[] = (await result.getRows()).map((r) => ({
      item: Number(r[0]),
      count: Number(r[1]),
      min: r[2] === null ? null : Number(r[2]),
      mean: r[3] === null ? null : Number(r[3]),
      max: r[4] === null ? null : Number(r[4]),
    }));
    return {
      peer: 'duckdb',
      loadMs: Math.round(loadMs),
      queryMs: Math.round(queryMs * 10) / 10,
      itemsRun: positions.length,
      itemsAll: input.itemId.length,
      fullMs: Math.round(((queryMs * input.itemId.length) / Math.max(1, positions.length)) * 10) / 10,
      rows,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
