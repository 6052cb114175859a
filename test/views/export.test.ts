// Export exactly what the table shows: the filtered, sorted rows as CSV (RFC 4180) or JSON.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiArgs } from '../../shared/api';
import { csvCell as csvField } from '../../shared/report/csv';
import { exportedFilePath } from '../../main/workspace/exports';
import { goldenWorkspace } from './golden-workspace';
import fs from 'node:fs';
import { readCsv } from '../support/csv';

let env: Awaited<ReturnType<typeof goldenWorkspace>>;
beforeAll(async () => {
  env = await goldenWorkspace();
});
afterAll(() => env.dispose());

/** The export's file, as the analyst saves it. */
function textOf(exportId: string): string {
  return fs.readFileSync(exportedFilePath(env.ws.dataDir, exportId).path, 'utf8');
}

describe('exportRows', () => {
  it('writes the filtered, sorted findings as CSV with the table’s columns', async () => {
    const file = await env.views.exportRows(
      apiArgs.exportRows.parse({
        view: 'authenticity',
        format: 'csv',
        buildA: 'sendermodels-1',
        cutoff: 0.3,
        filter: { findingsOnly: true, org: 1 },
        sort: { column: 'mean', direction: 'asc' },
      }),
    );
    // The filters and the sort are in the name: a filtered and a full export never overwrite each other.
    expect(file.fileName).toBe('findings-sendermodels-1-cutoff-0.3-org-1-findings-only-by-mean-asc.csv');
    expect(file.mimeType).toBe('text/csv');
    const [header, ...rows] = readCsv(textOf(file.exportId));
    expect(header).toEqual([
      'org',
      'domain',
      'cidr',
      'status',
      'count',
      'min',
      'mean',
      'max',
      'underCutoff',
      'finding',
      'noteStatus',
      'noteTags',
      'changedSinceNoted',
      'comments',
    ]);
    expect(rows.map((r) => [r[0], r[1], r[2], r[6]])).toEqual([
      ['1', 'shop.example', '198.51.100.3/32', '0.2'],
      ['1', 'list.example', '192.0.2.0/28', String((0.12 + 0.25 + 0.31) / 3)],
    ]);
    expect(rows[1][13]).toBe('newsletter provider | repeated row');
  });

  it('adds B, Δ and the transition when comparing, and names the file after both builds', async () => {
    const file = await env.views.exportRows(
      apiArgs.exportRows.parse({
        view: 'authenticity',
        format: 'csv',
        buildA: 'sendermodels-1',
        buildB: 'sendermodels-2',
        cutoff: 0.25,
        filter: { transitions: ['fixed', 'regressed'] },
      }),
    );
    expect(file.fileName).toBe('findings-sendermodels-1-vs-sendermodels-2-cutoff-0.25-fixed+regressed.csv');
    const [header, ...rows] = readCsv(textOf(file.exportId));
    expect(header.slice(10, 15)).toEqual(['statusB', 'meanB', 'findingB', 'delta', 'transition']);
    expect(rows.map((r) => r[14])).toEqual(rows.map(() => expect.stringMatching(/^(fixed|regressed)$/)));
  });

  it('writes JSON with the context, the query and the rows', async () => {
    const file = await env.views.exportRows(
      apiArgs.exportRows.parse({ view: 'reputation', format: 'json', buildA: 'reputation-1', cutoff: 0.3, filter: { findingsOnly: true } }),
    );
    expect(file.fileName).toBe('reputation-reputation-1-cutoff-0.3-findings-only.json');
    const body = JSON.parse(textOf(file.exportId));
    expect(body).toMatchObject({ view: 'reputation', buildA: 'reputation-1', feedback: 'feedback', cutoff: 0.3, filter: { findingsOnly: true }, total: 3 });
    expect(body.rows.map((r: { domain: string }) => r.domain)).toEqual(['list.example', 'v6.example', 'nowhere.example']);
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
  });
});
