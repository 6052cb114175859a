// The detail of one finding: its figures in A and B, the matched model entries, the domain's
// other entries in the same /24 or /48 (the neighbourhood), the feedback rows and comments,
// links out, and the notes on the finding, the domain and the org. With a sender context chosen
// (DESIGN §8), the item's SPF, PTR and AS as pulled, and the neighbourhood's PTR names.

import { useState, type ReactNode } from 'react';
import type { FindingDetail, SideFigures, ViewContext } from '../../shared/api';
import type { NeighbourContext } from '../../shared/sender-context-of';
import type { ModelMatch, Note, NotedFigures } from '../../shared/types';
import { api } from '../api';
import type { AnalysisView, Selection } from '../app/route';
import { useApi } from '../common/use-api';
import { formatCount, formatDelta, formatScore, STATUS_LABELS } from '../common/format';
import { ErrorBanner } from '../common/states';
import { Pending } from '../common/pending';
import { NoteEditor } from '../notes/note-editor';
import { AsCell, FcrdnsCell, PtrCell, SpfCell } from './context-cells';

interface DetailPaneProps {
  view: AnalysisView;
  context: ViewContext;
  sel: Selection;
  onClose: () => void;
  noteSignal: number;
  onNoteSaved: () => void;
}

type NoteScope = 'finding' | 'domain' | 'org';

export function DetailPane({ view, context, sel, onClose, noteSignal, onNoteSaved }: DetailPaneProps) {
  // Read again when a note here changes, so the scope tabs' marks and a re-opened tab say what is saved.
  const [notesSeen, setNotesSeen] = useState(0);
  const key = JSON.stringify([view, context, sel, notesSeen]);
  const detail = useApi<FindingDetail>(key, () =>
    view === 'authenticity'
      ? api.authenticityDetail({ ...context, org: sel.org, domain: sel.domain, cidr: sel.cidr ?? '' })
      : api.reputationDetail({ ...context, org: sel.org, domain: sel.domain }),
  );
  const [scope, setScope] = useState<NoteScope>('finding');
  const d = detail.data;
  const title = view === 'authenticity' ? `${sel.domain} ${sel.cidr ?? ''}` : sel.domain;

  return (
    <aside className="detail panel" aria-label={`Detail of ${title}`}>
      <header className="detail-head">
        <div className="detail-title">
          <h2>
            <span className="domain">{sel.domain}</span> {sel.cidr && <span className="mono">{sel.cidr}</span>}
          </h2>
          <span className="muted">Org {String(sel.org)}</span>
        </div>
        <button type="button" className="small" onClick={onClose} aria-label="Close the detail (Esc)">
          ✕
        </button>
      </header>
      {detail.error && <ErrorBanner error={detail.error} onRetry={detail.reload} />}
      <Pending active={detail.loading} label="Reading the finding…" />
      {!d && !detail.error && <p className="muted detail-loading">Loading…</p>}
      {d && (
        <div className="detail-body">
          <Figures view={view} detail={d} context={context} />
          <section className="detail-notes">
            <div className="row">
              <h3 className="panel-title">Note</h3>
              <span className="scope-tabs" role="tablist" aria-label="Note on">
                {(view === 'authenticity' ? (['finding', 'domain', 'org'] as const) : (['finding', 'org'] as const)).map((s) => (
                  <button key={s} type="button" role="tab" aria-selected={scope === s} className="chip" onClick={() => setScope(s)}>
                    {s === 'finding' ? 'this finding' : s === 'domain' ? 'the domain' : `org ${sel.org}`}
                    {noteFor(d.notes, s, view) && ' •'}
                  </button>
                ))}
              </span>
            </div>
            <ScopedEditor
              view={view}
              sel={sel}
              scope={scope}
              detail={d}
              buildA={context.buildA}
              noteSignal={noteSignal}
              onNoteSaved={() => {
                setNotesSeen((n) => n + 1);
                onNoteSaved();
              }}
            />
          </section>
          {/* After the note: at 1280×720 the note stays in view with the detail opened. */}
          {view === 'authenticity' && d.row.context !== undefined && <SenderContextFacts detail={d} />}
          <section>
            <h3 className="panel-title">Links</h3>
            {d.links.length > 0 ? (
              <ul className="links">
                {d.links.map((l) => (
                  <li key={l.name}>
                    <a href={l.url} target="_blank" rel="noreferrer noopener" title={l.url}>
                      {l.name} ↗
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small-text">
                No link template fits {view === 'reputation' ? 'a reputation finding (it has a domain and an org, no address)' : 'this finding'}: add one using{' '}
                {view === 'reputation' ? <code>{'{domain}'}</code> : <code>{'{ip}'}</code>} or <code>{'{org}'}</code> in <a href="#/settings">Settings</a>.
              </p>
            )}
          </section>
          <EntriesSection
            title="Matched model entries"
            a={d.matchesA}
            b={d.matchesB}
            compare={!!context.buildB}
            empty={view === 'authenticity' ? 'No model entry of this domain overlaps the feedback CIDR.' : 'The build has no entry for this org and domain.'}
          />
          <EntriesSection
            title={
              view === 'authenticity' ? (
                <>
                  Neighbourhood: other entries in <span className="as-written mono">{d.neighbourhood ?? 'the block'}</span>
                </>
              ) : (
                'Same domain, other orgs'
              )
            }
            a={d.neighbourhoodA}
            b={d.neighbourhoodB}
            compare={!!context.buildB}
            ptr={d.neighbourhoodContext}
            empty={view === 'authenticity' ? 'No other entries of this domain in the block.' : 'No other org has this domain in the build.'}
          />
          {d.row.reasons && d.row.reasons.length > 0 && (
            <section>
              <h3 className="panel-title">Reasons (A)</h3>
              <ul className="reasons">
                {d.row.reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </section>
          )}
          <section>
            <h3 className="panel-title">Feedback rows ({d.feedbackRows.length})</h3>
            <table className="plain compact">
              <thead>
                <tr>
                  <th>Row</th>
                  <th>{view === 'authenticity' ? 'IPs in the row' : 'Label'}</th>
                  <th>Comments</th>
                </tr>
              </thead>
              <tbody>
                {d.feedbackRows.map((r) => (
                  <tr key={String(r.row)}>
                    <td className="num">{String(r.row)}</td>
                    <td className="mono wrap">{r.cidrs ? r.cidrs.join(', ') : r.label}</td>
                    <td className="wrap">{r.comments || <span className="faint">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </aside>
  );
}

function noteFor(notes: Note[], scope: NoteScope, view: AnalysisView): Note | undefined {
  return notes.find((n) => {
    if (scope === 'org') return !n.domain;
    if (scope === 'domain') return n.domain && !n.cidr;
    return view === 'authenticity' ? !!n.cidr : !!n.domain;
  });
}

function ScopedEditor({
  view,
  sel,
  scope,
  detail,
  buildA,
  noteSignal,
  onNoteSaved,
}: {
  view: AnalysisView;
  sel: Selection;
  scope: NoteScope;
  detail: FindingDetail;
  buildA: string;
  noteSignal: number;
  onNoteSaved: () => void;
}) {
  const noteKey =
    scope === 'org'
      ? { org: sel.org }
      : scope === 'domain' || view === 'reputation'
        ? { org: sel.org, domain: sel.domain }
        : { org: sel.org, domain: sel.domain, cidr: sel.cidr };
  const a = detail.row.a;
  const noted: NotedFigures | undefined =
    scope === 'finding'
      ? view === 'authenticity'
        ? { build: buildA, status: a.status, count: a.count, mean: a.mean ?? null }
        : { build: buildA, status: a.status, score: a.score ?? null }
      : undefined;
  const subject = scope === 'org' ? `org ${sel.org}` : scope === 'domain' ? `${sel.domain} in org ${sel.org}` : 'this finding';
  return (
    <NoteEditor
      key={JSON.stringify(noteKey)}
      noteKey={noteKey}
      subject={subject}
      note={noteFor(detail.notes, scope, view)}
      noted={noted}
      onSaved={onNoteSaved}
      focusSignal={scope === 'finding' ? noteSignal : undefined}
      tagKind={scope === 'org' ? 'any' : view}
    />
  );
}

function Figures({ view, detail, context }: { view: AnalysisView; detail: FindingDetail; context: ViewContext }) {
  const { row } = detail;
  const side = (label: string, f: SideFigures | undefined, cls: string) =>
    f && (
      <tr className={f.finding ? 'finding' : undefined}>
        <th scope="row" title={label}>
          <span className={`swatch ${cls}`} /> {cls.toUpperCase()}
        </th>
        <td>{STATUS_LABELS[f.status] ?? f.status}</td>
        {view === 'authenticity' ? (
          <>
            <td className="num">{formatCount(f.count)}</td>
            <td className="num">{formatScore(f.min)}</td>
            <td className={`num strong${f.underCutoff ? ' under' : ''}`}>{formatScore(f.mean)}</td>
            <td className="num">{formatScore(f.max)}</td>
          </>
        ) : (
          <>
            <td className="num">{formatScore(f.risk)}</td>
            <td className={`num strong${f.underCutoff ? ' under' : ''}`}>{formatScore(f.score)}</td>
          </>
        )}
        <td>{f.finding ? <span className="badge regressed">finding</span> : <span className="badge fixed">ok</span>}</td>
      </tr>
    );
  return (
    <section>
      <table className="plain compact figures">
        <thead>
          <tr>
            <th />
            <th>Status</th>
            {view === 'authenticity' ? (
              <>
                <th className="num">N</th>
                <th className="num">Min</th>
                <th className="num">Mean</th>
                <th className="num">Max</th>
              </>
            ) : (
              <>
                <th className="num">Risk</th>
                <th className="num">Score</th>
              </>
            )}
            <th />
          </tr>
        </thead>
        <tbody>
          {side(context.buildA, row.a, 'a')}
          {side(context.buildB ?? 'B', row.b, 'b')}
        </tbody>
      </table>
      {row.transition && (
        <p className="transition-line">
          <span className={`badge ${row.transition}`}>{row.transition}</span> Δ <span className="num">{formatDelta(row.delta)}</span>
        </p>
      )}
      {row.comments.length > 0 && (
        <blockquote className="comments-quote">
          {row.comments.map((c, i) => (
            <p key={i}>“{c}”</p>
          ))}
        </blockquote>
      )}
    </section>
  );
}

/** A and B side by side by entry: an entry only one build has shows — for the other. */
/** The item's sender context (DESIGN §8), as the context snapshot has it; "not covered" when it was pulled for another feedback pull. */
function SenderContextFacts({ detail }: { detail: FindingDetail }) {
  const context = detail.row.context ?? null;
  return (
    <section aria-label="Sender context">
      <h3 className="panel-title">Sender context</h3>
      <dl className="context-facts">
        <dt>SPF</dt>
        <dd>
          <SpfCell context={context} />
        </dd>
        <dt>PTR names</dt>
        <dd>
          <PtrCell cidr={detail.row.cidr ?? ''} context={context} />
        </dd>
        <dt>Forward-confirmed</dt>
        <dd>
          <FcrdnsCell context={context} />
        </dd>
        <dt>AS</dt>
        <dd>
          <AsCell context={context} />
        </dd>
      </dl>
    </section>
  );
}

interface EntriesSectionProps {
  title: ReactNode;
  a: ModelMatch[];
  b?: ModelMatch[];
  compare: boolean;
  empty: string;
  /** The entries' PTR names as the sender context pulled them (the neighbourhood, with a context). */
  ptr?: NeighbourContext[];
}

function EntriesSection({ title, a, b, compare, empty, ptr }: EntriesSectionProps) {
  const names = new Map(ptr?.map((n) => [n.entry, n]));
  const entries = new Map<string, { a?: number; b?: number }>();
  for (const m of a) entries.set(m.entry, { a: m.score });
  for (const m of b ?? []) entries.set(m.entry, { ...entries.get(m.entry), b: m.score });
  const list = [...entries.entries()];
  return (
    <section>
      <h3 className="panel-title">
        {title} <span className="num">({list.length})</span>
      </h3>
      {list.length === 0 ? (
        <p className="muted small-text">{empty}</p>
      ) : (
        // Focusable, so the keyboard can scroll a long list of entries.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled from the keyboard (axe: scrollable-region-focusable)
        // biome-ignore lint/a11y/useSemanticElements: a <section> here would be one more landmark-ish heading level inside the section it scrolls
        <div className="entries-scroll" tabIndex={0} role="region" aria-label={typeof title === 'string' ? title : 'Neighbourhood entries'}>
          <table className="plain compact">
            <thead>
              <tr>
                <th>Entry</th>
                <th className="num">
                  <span className="swatch a" /> A
                </th>
                {compare && (
                  <>
                    <th className="num">
                      <span className="swatch b" /> B
                    </th>
                    <th className="num">Δ</th>
                  </>
                )}
                {ptr && <th>PTR names</th>}
              </tr>
            </thead>
            <tbody>
              {list.map(([entry, s]) => (
                <tr key={entry}>
                  <td className="mono">{entry}</td>
                  <td className="num">{formatScore(s.a)}</td>
                  {compare && (
                    <>
                      <td className="num">{formatScore(s.b)}</td>
                      <td className="num">{s.a !== undefined && s.b !== undefined ? formatDelta(s.b - s.a) : '—'}</td>
                    </>
                  )}
                  {ptr && <td className="mono ptr-names">{neighbourNames(names.get(entry))}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** An entry's PTR names, marked ✓ when one resolves back to it; "—" for a wider entry or none stored. */
function neighbourNames(n: NeighbourContext | undefined): string {
  if (!n || n.ptr === null) return '—';
  if (n.ptr.length === 0) return 'no PTR';
  return `${n.ptr.join(', ')}${n.fcrdns ? ' ✓' : ''}`;
}
