import { describe, expect, it } from 'vitest';
import { Workspace } from '../../main/workspace/workspace';
import { steppingClock, tempDir } from './temp-dir';

describe('notes as Markdown', () => {
  it('reads like the notebook\'s "Things to improve": a section per org, org notes first, text indented below', () => {
    const ws = Workspace.open(tempDir('md'), { now: steppingClock() });
    ws.upsertNote({ org: 56, domain: 'uhg.com', cidr: '66.231.95.69/32' }, { text: 'Sends 10,000s of messages a day for uhg.com', status: 'open' });
    ws.upsertNote(
      { org: 1, domain: 'cloud.sophos.com', cidr: '208.70.210.247/32' },
      { text: 'These are fixed - PTR neighborhood bug', status: 'fixed', tags: ['ptr'] },
    );
    ws.upsertNote(
      { org: 56, domain: 'valleycare.com' },
      { text: 'MX & PTR mismatch\nlooks like a one-off. EP-1822', status: 'explained', tags: ['mx', 'ptr'] },
    );
    ws.upsertNote({ org: 56 }, { text: 'Healthcare customer: many forwarders', status: 'open' });

    expect(ws.exportNotesMarkdown()).toBe(
      [
        '# Things to improve',
        '',
        '## Org 1',
        '',
        '- (cloud.sophos.com, [208.70.210.247/32]) — fixed — ptr',
        '    These are fixed - PTR neighborhood bug',
        '',
        '## Org 56',
        '',
        '- Org note — open',
        '    Healthcare customer: many forwarders',
        '- (uhg.com, [66.231.95.69/32]) — open',
        '    Sends 10,000s of messages a day for uhg.com',
        '- (valleycare.com) — explained — mx, ptr',
        '    MX & PTR mismatch',
        '    looks like a one-off. EP-1822',
        '',
      ].join('\n'),
    );
    ws.close();
  });

  it('can leave out settled notes and take another title', () => {
    const ws = Workspace.open(tempDir('md'), { now: steppingClock() });
    ws.upsertNote({ org: 1, domain: 'a.example' }, { text: 'done', status: 'fixed' });
    ws.upsertNote({ org: 2, domain: 'b.example' }, { text: 'todo', status: 'open' });
    const md = ws.exportNotesMarkdown({ title: 'Open questions', statuses: ['open', 'explained'] });
    expect(md).toBe(['# Open questions', '', '## Org 2', '', '- (b.example) — open', '    todo', ''].join('\n'));
    expect(Workspace.prototype.exportNotesMarkdown.call(ws, { statuses: ['wont-fix'] })).toBe('# Things to improve\n\nNo notes.\n');
    ws.close();
  });
});
