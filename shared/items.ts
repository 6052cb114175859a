// Feedback → items (DESIGN §4). Authenticity items are keyed by (org, domain, CIDR); several
// rows giving the same key make one item whose distinct non-empty comments are kept in row
// order (by id when rows have one, else file order). Reputation items are the distinct
// (org, domain) pairs labelled `trusted`.

import { compareCidrs, parseCidr, type Cidr } from './cidr';
import type { AuthenticityFeedback, ReputationFeedback } from './feedback';
import { compareOrgs, compareText, orgKey } from './org';
import type { Org } from './types';

export interface AuthenticityItem {
  org: Org;
  domain: string;
  cidr: Cidr;
  cidrText: string;
  comments: string[];
  /** Ids (or lines) of the feedback rows behind the item, in row order. */
  rows: Array<number | string>;
}

export interface ReputationItem {
  org: Org;
  domain: string;
  comments: string[];
  rows: Array<number | string>;
}

function rowOrder<T extends { rowId: number | string | null; seq: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.rowId !== null && b.rowId !== null && a.rowId !== b.rowId) {
      if (typeof a.rowId === 'number' && typeof b.rowId === 'number') return a.rowId - b.rowId;
      return compareText(String(a.rowId), String(b.rowId));
    }
    return a.seq - b.seq;
  });
}

export function compareItemKeys(a: { org: Org; domain: string; cidr?: Cidr }, b: { org: Org; domain: string; cidr?: Cidr }): number {
  return compareOrgs(a.org, b.org) || compareText(a.domain, b.domain) || (a.cidr && b.cidr ? compareCidrs(a.cidr, b.cidr) : 0);
}

export function authenticityItems(feedback: AuthenticityFeedback[]): AuthenticityItem[] {
  const items = new Map<string, AuthenticityItem>();
  for (const row of rowOrder(feedback)) {
    for (const cidrText of row.cidrs) {
      const key = `${orgKey(row.org)}\u0000${row.domain}\u0000${cidrText}`;
      let item = items.get(key);
      if (!item) {
        const parsed = parseCidr(cidrText);
        if (!parsed.ok) continue; // stored feedback is already in normal form
        item = { org: row.org, domain: row.domain, cidr: parsed.cidr, cidrText, comments: [], rows: [] };
        items.set(key, item);
      }
      if (row.comments.trim() !== '' && !item.comments.includes(row.comments)) item.comments.push(row.comments);
      item.rows.push(row.rowId ?? row.seq);
    }
  }
  return [...items.values()].sort(compareItemKeys);
}

export function reputationItems(feedback: ReputationFeedback[]): ReputationItem[] {
  const items = new Map<string, ReputationItem>();
  for (const row of rowOrder(feedback)) {
    if (row.label !== 'trusted') continue;
    const key = `${orgKey(row.org)}\u0000${row.domain}`;
    let item = items.get(key);
    if (!item) {
      item = { org: row.org, domain: row.domain, comments: [], rows: [] };
      items.set(key, item);
    }
    if (row.comments.trim() !== '' && !item.comments.includes(row.comments)) item.comments.push(row.comments);
    item.rows.push(row.rowId ?? row.seq);
  }
  return [...items.values()].sort(compareItemKeys);
}
