// The note on an org, a domain or a finding: text, status and tags, saved as you type. With a
// finding, the figures on screen are saved with the note, so a later build whose numbers moved
// shows "changed since noted".

import { useEffect, useId, useRef, useState } from 'react';
import type { Note, NoteKey, NoteStatus, NotedFigures } from '../../shared/types';
import { api } from '../api';
import { errorText } from '../common/error-text';
import { NOTE_STATUSES, presetTags, type TagKind } from './note-tags';
import { useDebouncedSave, type SaveState } from './use-debounced-save';
import './notes.css';

interface NoteEditorProps {
  noteKey: NoteKey;
  /** "this finding", "list.example in org 54", "org 54". */
  subject: string;
  note?: Note;
  noted?: NotedFigures;
  onSaved?: (note: Note | null) => void;
  /** Each change focuses the text box (the n key). */
  focusSignal?: number;
  compact?: boolean;
  /** Which preset tags to offer: authenticity's, reputation's, or both (an org note). */
  tagKind?: TagKind;
}

interface Draft {
  text: string;
  status: NoteStatus;
  tags: string[];
}

function saveText(s: SaveState): string {
  switch (s.state) {
    case 'pending':
      return 'editing…';
    case 'saving':
      return 'saving…';
    case 'saved':
      return `saved ${s.at.toLocaleTimeString()}`;
    case 'failed':
      return `not saved: ${s.error} (trying again in ${Math.round(s.retryInMs / 100) / 10} s)`;
    default:
      return '';
  }
}

export function NoteEditor({ noteKey, subject, note, noted, onSaved, focusSignal, compact, tagKind = 'any' }: NoteEditorProps) {
  const PRESET_TAGS = presetTags(tagKind);
  const id = useId();
  const [draft, setDraft] = useState<Draft>({ text: note?.text ?? '', status: note?.status ?? 'open', tags: note?.tags ?? [] });
  const [exists, setExists] = useState(note !== undefined);
  const [freeTag, setFreeTag] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const { schedule, flush, status } = useDebouncedSave<Draft>(async (d) => {
    const { note: saved } = await api.saveNote({ key: noteKey, text: d.text, status: d.status, tags: d.tags, ...(noted ? { noted } : {}) });
    setExists(true);
    onSavedRef.current?.(saved);
  });

  useEffect(() => {
    if (focusSignal) textRef.current?.focus();
  }, [focusSignal]);

  const change = (patch: Partial<Draft>) => {
    setDeleted(null);
    const next = { ...draft, ...patch };
    setDraft(next);
    schedule(next);
  };

  const toggleTag = (tag: string) => change({ tags: draft.tags.includes(tag) ? draft.tags.filter((t) => t !== tag) : [...draft.tags, tag] });

  const addFreeTag = () => {
    const tag = freeTag.trim();
    if (tag && !draft.tags.includes(tag)) change({ tags: [...draft.tags, tag] });
    setFreeTag('');
  };

  // A delete can be undone: the note as it was is kept until the editor goes.
  const [deleted, setDeleted] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = async () => {
    flush();
    setProblem(null);
    try {
      await api.deleteNote({ key: noteKey });
    } catch (e) {
      setProblem(`not deleted: ${errorText(e)}`);
      return;
    }
    setDeleted(draft);
    setDraft({ text: '', status: 'open', tags: [] });
    setExists(false);
    onSavedRef.current?.(null);
  };
  const undo = async () => {
    if (!deleted) return;
    setProblem(null);
    try {
      const { note: saved } = await api.saveNote({
        key: noteKey,
        text: deleted.text,
        status: deleted.status,
        tags: deleted.tags,
        ...((note?.noted ?? noted) ? { noted: note?.noted ?? noted } : {}),
      });
      setDraft(deleted);
      setDeleted(null);
      setExists(true);
      onSavedRef.current?.(saved);
    } catch (e) {
      setProblem(`not restored: ${errorText(e)}`);
    }
  };

  const freeTags = draft.tags.filter((t) => !PRESET_TAGS.includes(t));

  return (
    <div
      className={`note-editor${compact ? ' compact' : ''}`}
      onBlur={(e) => {
        // Leaving the editor (not moving within it) saves at once.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) flush();
      }}
    >
      <div className="note-top">
        <label className="note-status">
          <span className="visually-hidden">Note status</span>
          <select value={draft.status} onChange={(e) => change({ status: e.target.value as NoteStatus })} aria-label={`Status of the note on ${subject}`}>
            {NOTE_STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <span className={`save-state ${status.state}`} role="status" aria-live="polite">
          {saveText(status)}
        </span>
        {status.state === 'failed' && (
          <button type="button" className="small" onClick={() => schedule(draft)}>
            Retry
          </button>
        )}
        {exists && (
          <button type="button" className="link small" onClick={() => void remove()} aria-label={`Delete the note on ${subject}`}>
            delete
          </button>
        )}
        {deleted && !exists && (
          <span className="note-deleted" role="status">
            Note deleted.{' '}
            <button type="button" className="link small" onClick={() => void undo()}>
              Undo
            </button>
          </span>
        )}
        {problem && (
          <span className="field-error" role="alert">
            {problem}
          </span>
        )}
      </div>
      <div className="note-tags" role="group" aria-label="Tags">
        {PRESET_TAGS.map((tag) => (
          <button key={tag} type="button" className="chip" aria-pressed={draft.tags.includes(tag)} onClick={() => toggleTag(tag)}>
            {tag}
          </button>
        ))}
        {freeTags.map((tag) => (
          <button key={tag} type="button" className="chip" aria-pressed onClick={() => toggleTag(tag)} aria-label={`Remove tag ${tag}`}>
            {tag} <span aria-hidden="true">✕</span>
          </button>
        ))}
        <input
          type="text"
          className="free-tag"
          placeholder="+ tag"
          value={freeTag}
          maxLength={60}
          onChange={(e) => setFreeTag(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addFreeTag();
            }
          }}
          aria-label="Add a tag (Enter)"
        />
      </div>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        Note on {subject}
      </label>
      <textarea
        id={`${id}-text`}
        ref={textRef}
        className="note-text"
        rows={compact ? 3 : 5}
        value={draft.text}
        placeholder={`What is going on with ${subject}? (saved as you type)`}
        onChange={(e) => change({ text: e.target.value })}
        onKeyDown={(e) => {
          // Esc leaves the editor for the table, as in the notebook's flow: read, note, next.
          if (e.key === 'Escape') (e.currentTarget as HTMLTextAreaElement).blur();
        }}
      />
    </div>
  );
}
