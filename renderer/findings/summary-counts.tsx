// Summary counts for A, B and Δ, and with B the transitions — each transition a button that
// filters the table to it.

import type { Overview, SideSummary } from '../../shared/api';
import type { Transition } from '../../shared/types';
import { formatCount, formatSignedCount } from '../common/format';

interface SummaryCountsProps {
  overview: Overview;
  activeTransitions?: Transition[];
  onTransition: (t: Transition) => void;
  /** Findings only is the filter that matches the Findings card. */
  findingsOnly: boolean;
  onFindingsOnly: () => void;
}

const CARDS: Array<{ key: keyof SideSummary; title: string; worseWhenUp: boolean; hint: string }> = [
  { key: 'items', title: 'Items', worseWhenUp: false, hint: 'feedback items: (org, domain, CIDR)' },
  { key: 'scored', title: 'Scored', worseWhenUp: false, hint: 'items with at least one matching model entry' },
  { key: 'underCutoff', title: 'Under cutoff', worseWhenUp: true, hint: 'scored items at or under the cutoff' },
  { key: 'uncovered', title: 'Uncovered', worseWhenUp: true, hint: 'items the model does not score' },
  { key: 'findings', title: 'Findings', worseWhenUp: true, hint: 'under the cutoff or uncovered' },
];

const TRANSITIONS: Transition[] = ['fixed', 'regressed', 'changed', 'unchanged'];

export function SummaryCounts({ overview, activeTransitions, onTransition, findingsOnly, onFindingsOnly }: SummaryCountsProps) {
  const { summaryA: a, summaryB: b, allOrgs } = overview;
  const itemWord = overview.kind === 'reputation' ? 'feedback items: (org, domain) marked trusted' : undefined;
  return (
    <div className="summary" role="group" aria-label={overview.org !== undefined ? `Summary counts of org ${overview.org}` : 'Summary counts'}>
      {CARDS.map((card) => {
        const delta = b ? b[card.key] - a[card.key] : 0;
        const tone = delta === 0 ? '' : delta > 0 === card.worseWhenUp ? 'worse' : 'better';
        const isFindings = card.key === 'findings';
        const body = (
          <>
            <span className="card-title">
              {card.title}
              {overview.org !== undefined && card.key === 'items' && (
                <span className="card-scope" data-scope={String(overview.org)}>
                  {' '}
                  · org {String(overview.org)}
                </span>
              )}
            </span>
            <span className="card-values">
              <span className="card-a num" aria-label={`A ${a[card.key]}`}>
                {formatCount(a[card.key])}
              </span>
              {b && card.key !== 'items' && (
                <>
                  <span className="card-b num" aria-label={`B ${b[card.key]}`}>
                    {formatCount(b[card.key])}
                  </span>
                  <span className={`card-delta num ${tone}`} aria-label={`change ${delta}`}>
                    {formatSignedCount(delta)}
                  </span>
                </>
              )}
            </span>
            {allOrgs && (
              <span className="card-ref num" data-ref={card.key} title="the same count in all orgs">
                of {formatCount(allOrgs.summaryA[card.key])}
                {b && allOrgs.summaryB && card.key !== 'items' ? ` / ${formatCount(allOrgs.summaryB[card.key])}` : ''}
              </span>
            )}
          </>
        );
        // Items are the feedback's, the same for A and B: one number.
        const title = card.key === 'items' && itemWord ? itemWord : card.hint;
        return isFindings ? (
          <button
            type="button"
            key={card.key}
            className="card card-button"
            aria-pressed={findingsOnly}
            onClick={onFindingsOnly}
            title={`${title} — click to list findings only`}
            data-card={card.key}
          >
            {body}
          </button>
        ) : (
          <div key={card.key} className="card" title={title} data-card={card.key}>
            {body}
          </div>
        );
      })}
      {overview.transitions && (
        <div className="card transitions" role="group" aria-label="Transitions from A to B">
          <span className="card-title">A → B{overview.org !== undefined ? ` · org ${overview.org}` : ''}</span>
          <span className="transition-buttons">
            {TRANSITIONS.map((t) => (
              <button
                key={t}
                type="button"
                className={`chip t-${t}`}
                aria-pressed={activeTransitions?.includes(t) ?? false}
                onClick={() => onTransition(t)}
                data-transition={t}
              >
                <span className="num">{formatCount(overview.transitions![t])}</span> {t}
              </button>
            ))}
          </span>
        </div>
      )}
    </div>
  );
}
