// The detail pane of one finding: its row, the matched model entries in A and B, the
// neighbourhood (with a context chosen, its entries' PTR names as pulled), the feedback rows
// behind it, links out from the Settings templates, and the notes on its org, its (org, domain)
// and itself.

import { formatEntry, itemMatches } from '../../shared/authenticity';
import { formatCidr, parseCidr } from '../../shared/cidr';
import { normaliseDomain } from '../../shared/domain';
import { entryScore, MatchBuffer, Matcher } from '../../shared/join';
import { neighboursOf } from '../../shared/sender-context-of';
import { compareOrgs, normaliseOrg } from '../../shared/org';
import type { FeedbackRowView, FindingDetail } from '../../shared/api';
import type { ModelMatch, Note, NoteKey, Org } from '../../shared/types';
import type { FeedbackPull } from '../workspace/snapshot-cache';
import { findItem } from './item-table';
import { neighbourhoodText, neighbours, MAX_NEIGHBOURS } from './neighbourhood';
import { notesIndex } from './note-badges';
import { findingRow } from './row-figures';
import type { Resolved, Side, ViewsContext } from './view-context';

export interface DetailKey {
  org: Org;
  domain: string;
  cidr?: string;
}

/** The key as the items hold it, so a hand-edited URL still finds its finding. */
export function normaliseKey(key: DetailKey): DetailKey {
  const org = normaliseOrg(key.org);
  if (org === null) throw new Error(`'${String(key.org)}' is not an org id`);
  const domain = normaliseDomain(key.domain);
  if (domain === null) throw new Error(`'${key.domain}' is not a domain`);
  const out: DetailKey = { org, domain };
  if (key.cidr !== undefined) {
    const parsed = parseCidr(key.cidr);
    if (!parsed.ok) throw new Error(`'${key.cidr}' is not an address or CIDR: ${parsed.reason}`);
    out.cidr = formatCidr(parsed.cidr);
  }
  return out;
}

export function detail(ctx: ViewsContext, r: Resolved, rawKey: DetailKey): FindingDetail {
  const key = normaliseKey(rawKey);
  const i = findItem(r.a.table, key.org, key.domain, key.cidr);
  if (i < 0) {
    const what = key.cidr ? `(org ${key.org}, ${key.domain}, ${key.cidr})` : `(org ${key.org}, ${key.domain})`;
    throw new Error(`no feedback item ${what} in feedback pull '${r.feedback}'; it may belong to another pull — pick it in the context bar`);
  }
  const notes = ctx.workspace.listNotes();
  const out: FindingDetail = {
    row: findingRow(r, i, notesIndex(notes)),
    matchesA: [],
    neighbourhoodA: [],
    feedbackRows: feedbackRows(ctx.cache.feedback(r.feedback), r, i),
    links: links(ctx, key),
    notes: ownNotes(ctx, key),
  };
  if (r.kind === 'sender-model') {
    const a = authenticitySide(ctx, r.a, i);
    Object.assign(out, { matchesA: a.matches, neighbourhoodA: a.neighbours, neighbourhood: a.block });
    if (r.context) out.neighbourhoodContext = neighboursOf(r.context.data, key.domain, neighbourhoodText(r.a.auth!.items[i].cidr));
    if (r.b) {
      const b = authenticitySide(ctx, r.b, i);
      Object.assign(out, { matchesB: b.matches, neighbourhoodB: b.neighbours });
    }
  } else {
    const a = reputationSide(ctx, r.a, key);
    Object.assign(out, { matchesA: a.matches, neighbourhoodA: a.neighbours, neighbourhood: `${key.domain} for other orgs` });
    if (r.b) {
      const b = reputationSide(ctx, r.b, key);
      Object.assign(out, { matchesB: b.matches, neighbourhoodB: b.neighbours });
    }
  }
  return out;
}

function authenticitySide(ctx: ViewsContext, side: Side, i: number): { matches: ModelMatch[]; neighbours: ModelMatch[]; block: string } {
  const analysis = side.auth!;
  const index = ctx.cache.senderModel(side.id);
  const found = new MatchBuffer(64);
  itemMatches(new Matcher(index), analysis, i, found);
  const matched = found.data.subarray(0, found.length);
  const matches = Array.from(matched, (e) => ({ entry: formatEntry(index, e), score: entryScore(index, e) }));
  const cidr = analysis.items[i].cidr;
  const near = neighbours(index, analysis.itemDomain[i], cidr, matched);
  let block = neighbourhoodText(cidr);
  if (near.total > MAX_NEIGHBOURS) block += ` (first ${MAX_NEIGHBOURS} of ${near.total})`;
  return { matches, neighbours: near.entries, block };
}

/** Reputation: this org's entry for the domain, and the domain's entries for the other orgs. */
function reputationSide(ctx: ViewsContext, side: Side, key: DetailKey): { matches: ModelMatch[]; neighbours: ModelMatch[] } {
  const perOrg = ctx.cache.reputationBuild(side.id).get(key.domain);
  const matches: ModelMatch[] = [];
  const others: Array<{ org: Org; match: ModelMatch }> = [];
  for (const entry of perOrg?.values() ?? []) {
    const match = { entry: `org ${entry.org}`, score: 1 - entry.risk };
    if (compareOrgs(entry.org, key.org) === 0) matches.push(match);
    else others.push({ org: entry.org, match });
  }
  others.sort((x, y) => compareOrgs(x.org, y.org));
  return { matches, neighbours: others.slice(0, MAX_NEIGHBOURS).map((o) => o.match) };
}

function feedbackRows(pull: FeedbackPull, r: Resolved, i: number): FeedbackRowView[] {
  const item = (r.a.auth?.items ?? r.a.rep!.items)[i];
  const wanted = new Set(item.rows.map((row) => String(row)));
  const rows = r.kind === 'sender-model' ? pull.rows().authenticity : pull.rows().reputation;
  const out: FeedbackRowView[] = [];
  for (const row of rows) {
    if (row.domain !== item.domain || compareOrgs(row.org, item.org) !== 0 || !wanted.has(String(row.rowId ?? row.seq))) continue;
    const view: FeedbackRowView = { row: row.rowId ?? row.seq, org: row.org, domain: row.domain, comments: row.comments };
    if ('cidrs' in row) view.cidrs = row.cidrs;
    if ('label' in row) view.label = row.label;
    out.push(view);
  }
  return out;
}

const PLACEHOLDER = /\{(domain|cidr|ip|org)\}/gu;

/** Links from the Settings templates; a template needing a CIDR is left out for reputation items. */
export function links(ctx: ViewsContext, key: DetailKey): Array<{ name: string; url: string }> {
  const values: Record<string, string | undefined> = {
    domain: key.domain,
    org: String(key.org),
    cidr: key.cidr,
    ip: key.cidr?.split('/')[0],
  };
  const out: Array<{ name: string; url: string }> = [];
  for (const template of ctx.workspace.getSettings().linkTemplates) {
    const needed = [...template.url.matchAll(PLACEHOLDER)].map((m) => m[1]);
    if (needed.some((name) => values[name] === undefined)) continue;
    out.push({ name: template.name, url: template.url.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(values[name]!)) });
  }
  return out;
}

function ownNotes(ctx: ViewsContext, key: DetailKey): Note[] {
  const keys: NoteKey[] = [{ org: key.org }, { org: key.org, domain: key.domain }];
  if (key.cidr) keys.push({ org: key.org, domain: key.domain, cidr: key.cidr });
  return keys.map((k) => ctx.workspace.getNote(k)).filter((n): n is Note => n !== undefined);
}
