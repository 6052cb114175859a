// The feedback and reputation stores are versioned like the sender-model store: a snapshot of an
// older format still reads (a feedback pull of format 1 has no stored items: they are derived
// again, the same), and one of a format this version does not know is refused with what to do.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeedbackItems } from '../../main/workspace/feedback-store';
import { readReputationBuild } from '../../main/workspace/reputation-store';
import { goldenWorkspace } from '../views/golden-workspace';

let env: Awaited<ReturnType<typeof goldenWorkspace>>;
beforeAll(async () => {
  env = await goldenWorkspace();
});
afterAll(() => env.dispose());

function writable(id: string): Database.Database {
  return new Database(env.ws.snapshotPath(id));
}

describe('store formats', () => {
  it('reads a format-1 feedback pull (no stored items) to the same items', () => {
    const db = writable('feedback');
    const stored = readFeedbackItems(db);
    expect(stored.authenticityItems.length).toBeGreaterThan(0);
    db.exec('DROP TABLE authenticity_items; DROP TABLE reputation_items; DROP TABLE feedback_meta;');
    expect(readFeedbackItems(db)).toEqual(stored);
    db.close();
  });

  it('refuses a feedback pull or a reputation build of an unknown format, saying to re-import', () => {
    const feedback = writable('feedback');
    feedback.exec(
      "CREATE TABLE IF NOT EXISTS feedback_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT) STRICT; INSERT OR REPLACE INTO feedback_meta VALUES ('format', 'smw-feedback/9')",
    );
    expect(() => readFeedbackItems(feedback)).toThrow(/format is "smw-feedback\/9", this app reads smw-feedback\/2; re-import the feedback/u);
    feedback.close();
    const reputation = writable('reputation-1');
    expect(readReputationBuild(reputation).size).toBeGreaterThan(0);
    reputation.exec("UPDATE reputation_meta SET value = 'smw-reputation/7' WHERE key = 'format'");
    expect(() => readReputationBuild(reputation)).toThrow(/format is "smw-reputation\/7".*re-import the build/u);
    reputation.exec('DROP TABLE reputation_meta');
    expect(readReputationBuild(reputation).size).toBeGreaterThan(0);
    reputation.close();
  });
});
