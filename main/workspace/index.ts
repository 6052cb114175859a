// The local workspace: registry of snapshots, snapshot files, notes, settings (DESIGN §5, §6).

export { defaultDataDir, resolveDataDir, APP_DIR_NAME, type DataDirEnv } from './data-dir';
export { SnapshotExistsError, SnapshotNotFoundError } from './errors';
export { migrate, latestVersion, userVersion, type MigrateResult } from './migrate';
export { MIGRATIONS, type Migration } from './migrations/index';
export {
  NOTE_STATUSES,
  NOTE_SCOPES,
  normaliseNoteKey,
  normaliseOrg,
  compareNotes,
  upsertNote,
  getNote,
  listNotes,
  deleteNote,
  type NoteInput,
} from './notes';
export { exportNotesJson, importNotesJson, parseNotesFile, NOTES_FORMAT, NOTES_FORMAT_VERSION, type NotesFile, type NotesImportResult } from './notes-exchange';
export { exportNotesMarkdown, notesToMarkdown, type NotesMarkdownOptions } from './notes-markdown';
export { compareOrg, compareCidr } from './note-order';
export { SNAPSHOT_KINDS, type SnapshotMeta } from './registry';
export {
  readSenderModelIndex,
  writeSenderModelIndex,
  readDomainEntries,
  SENDER_MODEL_FORMAT,
  type DomainEntries,
} from './sender-model-store';
export {
  defaultSettings,
  getSettings,
  setSettings,
  linkTemplateProblem,
  LINK_PLACEHOLDERS,
  PG_SSL_MODES,
  type Settings,
  type SettingsPatch,
  type LinkTemplate,
  type S3Profile,
  type PgProfile,
  type PgSslMode,
  type AnalysisContext,
} from './settings';
export {
  validateSnapshotId,
  isValidSnapshotId,
  defaultIdFromName,
  feedbackPullId,
  snapshotFileName,
  foldSnapshotId,
  InvalidSnapshotIdError,
  ID_RULE,
  MAX_ID_LENGTH,
} from './snapshot-id';
export { SnapshotWriter, type CreateSnapshotOptions, type CommitInput } from './snapshot-writer';
export { Workspace, WORKSPACE_DB, SNAPSHOTS_DIR, type OpenWorkspaceOptions } from './workspace';
