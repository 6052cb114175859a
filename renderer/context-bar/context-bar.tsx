// The context bar (DESIGN §7), on every analysis view: the feedback pull, build A, optional
// build B, the sender context (Authenticity, DESIGN §8), and the cutoff — a slider for feel and
// a number box for exact values. All of it lives in the URL; the app remembers it between runs.

import type { Overview } from '../../shared/api';
import { CONTEXT_SORT_COLUMNS } from '../../shared/sender-context-view';
import type { SnapshotInfo } from '../../shared/types';
import type { AnalysisView, Route } from '../app/route';
import type { SetRoute } from '../app/use-route';
import { snapshotsOfKind, useWorkspaceData } from '../app/workspace-data';
import { formatDateTime } from '../common/format';
import { CutoffControl } from './cutoff-control';
import './context-bar.css';

export const CUTOFF_SOURCE_TEXT: Record<Overview['cutoffSource'], string> = {
  given: 'set here',
  settings: 'your default (Settings)',
  build: "build A's threshold",
  default: 'default 0.3 (no threshold in build A)',
};

interface ContextBarProps {
  view: AnalysisView;
  route: Route;
  setRoute: SetRoute;
  /** The cutoff in force and where it came from, once the overview has answered. */
  cutoff?: number;
  cutoffSource?: Overview['cutoffSource'];
}

/** The id in full (a select shows its chosen option's text): the dates are in the option's title. */
function optionLabel(s: SnapshotInfo): string {
  return s.demo ? `${s.id} (demo)` : s.id;
}

function optionTitle(s: SnapshotInfo): string | undefined {
  if (!s.createdAt) return undefined;
  return [s.id, s.version && !s.id.includes(s.version) ? `version ${s.version}` : null, `pulled ${formatDateTime(s.createdAt)}`, s.demo ? 'demo' : null]
    .filter(Boolean)
    .join(' · ');
}

/** A URL's choice as a list entry, for before the snapshot list arrives. */
const placeholder = (id: string | null | undefined, kind: SnapshotInfo['kind']): SnapshotInfo[] =>
  id ? [{ id, kind, source: '', createdAt: '', rows: 0, bytes: 0 }] : [];

export function ContextBar({ view, route, setRoute, cutoff, cutoffSource }: ContextBarProps) {
  const { snapshots } = useWorkspaceData();
  const kind = view === 'authenticity' ? 'sender-model' : 'reputation';
  // Until the list arrives, the URL's choices stand alone (the view is already loading them).
  const builds = snapshots ? snapshotsOfKind(snapshots, kind) : [...placeholder(route.a, kind), ...placeholder(route.b, kind)];
  const feedbacks = snapshots ? snapshotsOfKind(snapshots, 'feedback') : placeholder(route.feedback, 'feedback');
  const kindLabel = view === 'authenticity' ? 'sender-model build' : 'reputation build';
  // Changing what is compared invalidates the opened finding and the bin/transition filters; a
  // new feedback pull gets its own sender context (the default picks it).
  const changeContext = (change: Partial<Route>) =>
    setRoute(
      (r) => ({
        ...r,
        ...('feedback' in change && change.feedback !== r.feedback ? { ctx: undefined } : {}),
        ...change,
        sel: undefined,
        bin: change.b === undefined && 'b' in change ? undefined : r.bin,
        tr: 'b' in change && !change.b ? undefined : r.tr,
      }),
      'push',
    );
  const shown = route.cutoff ?? cutoff;
  // Starting a comparison puts the pair in build order, A the older and B the newer, so that B − A
  // and "fixed"/"regressed" read forwards in time whichever of the two was picked as B. Once
  // comparing, a pick is taken as it is (and ⇄ swaps).
  // `builds` is newest first: a larger position is an older build.
  const position = (id: string) => builds.findIndex((s) => s.id === id);
  const pickB = (b: string | undefined) => {
    const startsComparing = b !== undefined && !route.b && route.a !== undefined && position(route.a) >= 0;
    if (startsComparing && position(b) > position(route.a!)) changeContext({ a: b, b: route.a });
    else changeContext({ b });
  };

  return (
    <div className="context-bar" role="group" aria-label="Context">
      <label className="ctx-field">
        <span>Feedback</span>
        <select value={route.feedback ?? ''} onChange={(e) => changeContext({ feedback: e.target.value || undefined })} aria-label="Feedback pull">
          {feedbacks.length === 0 && <option value="">no feedback pull — import one in Snapshots</option>}
          {feedbacks.map((s) => (
            <option key={s.id} value={s.id} title={optionTitle(s)}>
              {optionLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="ctx-field">
        <span>
          <span className="swatch a" /> Build A
        </span>
        <select
          value={route.a ?? ''}
          onChange={(e) => changeContext({ a: e.target.value || undefined, b: route.b === e.target.value ? undefined : route.b })}
          aria-label={`Build A (${kindLabel})`}
        >
          {builds.length === 0 && <option value="">no {kindLabel} — import one in Snapshots</option>}
          {builds.map((s) => (
            <option key={s.id} value={s.id} title={optionTitle(s)}>
              {optionLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="small swap"
        disabled={!route.b}
        onClick={() => changeContext({ a: route.b, b: route.a })}
        title="Swap A and B"
        aria-label="Swap builds A and B"
      >
        ⇄
      </button>
      <label className="ctx-field">
        <span>
          <span className="swatch b" /> Build B <span className="faint">(compare)</span>
        </span>
        <select value={route.b ?? ''} onChange={(e) => pickB(e.target.value || undefined)} aria-label={`Build B (${kindLabel}, optional)`}>
          <option value="">— none —</option>
          {builds
            .filter((s) => s.id !== route.a)
            .map((s) => (
              <option key={s.id} value={s.id} title={optionTitle(s)}>
                {optionLabel(s)}
              </option>
            ))}
        </select>
      </label>
      {view === 'authenticity' && <SenderContextPicker route={route} setRoute={setRoute} snapshots={snapshots} />}
      <NewerSnapshots route={route} builds={snapshots ? builds : []} feedbacks={snapshots ? feedbacks : []} kindLabel={kindLabel} onUse={changeContext} />
      <CutoffControl
        value={shown}
        onChange={(v) => setRoute({ cutoff: v }, 'replace')}
        onReset={route.cutoff !== undefined ? () => setRoute({ cutoff: undefined }, 'replace') : undefined}
        source={route.cutoff !== undefined ? 'set here' : cutoffSource ? CUTOFF_SOURCE_TEXT[cutoffSource] : ''}
      />
    </div>
  );
}

/**
 * The sender context (DESIGN §8): a context snapshot, those pulled for the chosen feedback pull
 * first; one pulled for another covers none of its items and says so. Without one, its filters go.
 */
function SenderContextPicker({ route, setRoute, snapshots }: { route: Route; setRoute: SetRoute; snapshots: SnapshotInfo[] | null }) {
  const contexts = snapshots ? snapshotsOfKind(snapshots, 'context') : placeholder(route.ctx, 'context');
  const own = contexts.filter((s) => !s.context || s.context.feedback === route.feedback);
  const others = contexts.filter((s) => s.context && s.context.feedback !== route.feedback);
  const pick = (ctx: string | null) =>
    setRoute(
      (r) => ({
        ...r,
        ctx,
        ...(ctx === null ? { spf: undefined, fcrdns: undefined, inspf: undefined, net: undefined, sort: contextSort(r) ? undefined : r.sort } : {}),
      }),
      'push',
    );
  const option = (s: SnapshotInfo) => (
    <option key={s.id} value={s.id} title={optionTitle(s)}>
      {optionLabel(s)}
      {s.context && s.context.feedback !== route.feedback ? ` (of ${s.context.feedback})` : ''}
    </option>
  );
  return (
    <label className="ctx-field">
      <span>
        Sender context <span className="faint">(SPF, PTR, AS)</span>
      </span>
      <select value={route.ctx ?? ''} onChange={(e) => pick(e.target.value || null)} aria-label="Sender context (SPF, PTR and AS; optional)">
        <option value="">— none —</option>
        {own.map(option)}
        {others.length > 0 && <optgroup label="pulled for another feedback pull">{others.map(option)}</optgroup>}
      </select>
    </label>
  );
}

const contextSort = (r: Route) => r.sort !== undefined && CONTEXT_SORT_COLUMNS.has(r.sort.column);

/**
 * A build or feedback pull newer than the ones in use: the remembered context stays as it was
 * (a new import never replaces it), and this says what else is there, with a way to use it.
 */
function NewerSnapshots({
  route,
  builds,
  feedbacks,
  kindLabel,
  onUse,
}: {
  route: Route;
  builds: SnapshotInfo[];
  feedbacks: SnapshotInfo[];
  kindLabel: string;
  onUse: (change: Partial<Route>) => void;
}) {
  const newerThan = (list: SnapshotInfo[], ids: Array<string | undefined>) => {
    const used = ids.map((id) => list.findIndex((s) => s.id === id)).filter((k) => k >= 0);
    // `list` is newest first: a newer one stands before every one in use.
    return used.length > 0 && Math.min(...used) > 0 ? list[0] : undefined;
  };
  const build = newerThan(builds, [route.a, route.b]);
  const feedback = newerThan(feedbacks, [route.feedback]);
  if (!build && !feedback) return null;
  return (
    <div className="newer" role="status" data-testid="newer-snapshots">
      {build && (
        <span>
          Newer {kindLabel}: <strong className="mono">{build.id}</strong> <span className="muted">({formatDateTime(build.createdAt)})</span>{' '}
          <button type="button" className="link small" onClick={() => onUse({ b: build.id })}>
            {route.b ? 'use as B' : 'compare with it'}
          </button>
        </span>
      )}
      {feedback && (
        <span>
          Newer feedback pull: <strong className="mono">{feedback.id}</strong> <span className="muted">({formatDateTime(feedback.createdAt)})</span>{' '}
          <button type="button" className="link small" onClick={() => onUse({ feedback: feedback.id })}>
            use it
          </button>
        </span>
      )}
    </div>
  );
}
