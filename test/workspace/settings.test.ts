import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../main/workspace/settings';
import { Workspace } from '../../main/workspace/workspace';
import type { Settings as ApiSettings } from '../../shared/api';
import { tempDir } from './temp-dir';

const pg = {
  name: 'prod',
  host: 'db.internal',
  port: 5432,
  database: 'feedback',
  user: 'analyst',
  sslMode: 'verify-full' as const,
  table: 'public.user_response',
};

describe('settings', () => {
  it('start from typed defaults: the build threshold as cutoff and one example link template', () => {
    const ws = Workspace.open(tempDir('settings'));
    expect(ws.getSettings()).toEqual({
      defaultCutoff: null,
      linkTemplates: [{ name: 'Message search', url: 'https://portal.example/messages?domain={domain}&ip={ip}' }],
      s3Profiles: [],
      pgProfiles: [],
      context: {},
    });
    ws.close();
  });

  it('save what is given, replacing each given setting as a whole, and keep it across opens', () => {
    const dir = tempDir('settings');
    const ws = Workspace.open(dir);
    ws.setSettings({ defaultCutoff: 0.25, context: { feedback: 'feedback-20260301T100000Z', buildA: 'sm-1', cutoff: 0.4 } });
    ws.setSettings({
      s3Profiles: [{ name: 'builds', bucket: 'model-builds', prefix: 'sendermodels/', region: 'us-east-1' }],
      pgProfiles: [pg],
      context: { buildA: 'sm-2' },
    });
    ws.close();
    const again = Workspace.open(dir);
    expect(again.getSettings()).toMatchObject({
      defaultCutoff: 0.25,
      s3Profiles: [{ name: 'builds', bucket: 'model-builds', prefix: 'sendermodels/', region: 'us-east-1' }],
      pgProfiles: [pg],
      context: { buildA: 'sm-2' },
    });
    again.close();
  });

  it('never store a password: a profile with one is refused, saying where passwords go', () => {
    const ws = Workspace.open(tempDir('settings'));
    expect(() => ws.setSettings({ pgProfiles: [{ ...pg, password: 'hunter2' } as never] })).toThrow(
      /pgProfiles\[0\]: passwords and secrets are never stored in settings/,
    );
    expect(JSON.stringify(ws.db.prepare('SELECT * FROM settings').all())).not.toContain('hunter2');
    ws.close();
  });

  it('refuse bad values with errors that name the setting, and save none of a bad patch', () => {
    const ws = Workspace.open(tempDir('settings'));
    const bad: [object, RegExp][] = [
      [{ defaultCutoff: 1.5 }, /defaultCutoff: must be between 0 and 1/],
      [
        { linkTemplates: [{ name: 'x', url: 'https://e.example/{host}' }] },
        /linkTemplates\[0\]\.url: unknown placeholder \{host\}; use \{domain\}, \{cidr\}, \{ip\}, \{org\}/,
      ],
      [{ linkTemplates: [{ name: 'x', url: 'javascript:alert({ip})' }] }, /linkTemplates\[0\]\.url: must be an http/],
      [
        {
          linkTemplates: [
            { name: 'x', url: 'https://a.example' },
            { name: 'X', url: 'https://b.example' },
          ],
        },
        /linkTemplates\[1\]\.name: the name 'X' is used twice/,
      ],
      [{ s3Profiles: [{ name: 's', bucket: 'a/b', prefix: '' }] }, /s3Profiles\[0\]\.bucket: a bucket name is 3–63 characters/],
      [{ pgProfiles: [{ ...pg, port: 70000 }] }, /pgProfiles\[0\]\.port: the port is 1–65535/],
      [{ pgProfiles: [{ ...pg, table: 'x; DROP TABLE y' }] }, /pgProfiles\[0\]\.table: the table must be a name like user_response/],
      [{ context: { buildA: 'not an id' } }, /context\.buildA: is not a snapshot id/],
      [{ colour: 'red' }, /unknown setting 'colour'/],
    ];
    for (const [patch, message] of bad) expect(() => ws.setSettings(patch as never), JSON.stringify(patch)).toThrow(message);
    expect(() => ws.setSettings({ defaultCutoff: 0.2, context: { cutoff: -1 } })).toThrow(/^settings not saved: context\.cutoff/);
    expect(ws.getSettings()).toEqual(defaultSettings());
    ws.close();
  });

  it('fall back to the default for a stored value this version cannot read', () => {
    const ws = Workspace.open(tempDir('settings'));
    ws.db.prepare("INSERT INTO settings (key, value) VALUES ('defaultCutoff', '\"high\"'), ('fromTheFuture', '1')").run();
    expect(ws.getSettings().defaultCutoff).toBeNull();
    ws.close();
  });

  it('have the shape of the API contract in shared/api.ts', () => {
    const ws = Workspace.open(tempDir('settings'));
    const forApi: ApiSettings = ws.getSettings();
    const fromApi: Settings = forApi;
    expect(fromApi).toEqual(defaultSettings());
    ws.close();
  });
});
