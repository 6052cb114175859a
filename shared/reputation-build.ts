// Reputation builds (DESIGN §3.2): `[[domain, {org_id: [risk, reason, …]}], …]`. Risk is a
// number; reasons are strings or other JSON values, kept as text. A bad entry is dropped and
// reported; an entry for a (domain, org) seen before replaces it (reported as replaced).

import { normaliseDomain } from './domain';
import { normaliseOrg, orgKey } from './org';
import type { Org, Problem } from './types';

export interface ReputationEntry {
  org: Org;
  risk: number;
  reasons: string[];
}

/** domain → org key → entry. */
export type ReputationBuild = Map<string, Map<string, ReputationEntry>>;

export interface ReputationParse {
  build: ReputationBuild;
  kept: number;
  rejected: number;
  replaced: number;
  problems: Problem[];
}

export function reasonText(reason: unknown): string {
  return typeof reason === 'string' ? reason : JSON.stringify(reason) ?? String(reason);
}

export class ReputationBuildParser {
  readonly result: ReputationParse = { build: new Map(), kept: 0, rejected: 0, replaced: 0, problems: [] };

  /** One element of the top-level array; `row` is its 1-based position. */
  add(element: unknown, row: number): void {
    const problem = (field: string, value: unknown, reason: string) => {
      this.result.rejected++;
      this.result.problems.push({ row, field, value: typeof value === 'string' ? value : JSON.stringify(value) ?? String(value), reason });
    };
    if (!Array.isArray(element) || element.length < 2) {
      problem('(entry)', element, 'not a [domain, {org: [risk, …]}] pair; entry dropped');
      return;
    }
    const [rawDomain, orgs] = element;
    const domain = typeof rawDomain === 'string' ? normaliseDomain(rawDomain) : null;
    if (domain === null) {
      problem('domain', rawDomain, 'not a valid domain; entry dropped');
      return;
    }
    if (typeof orgs !== 'object' || orgs === null || Array.isArray(orgs)) {
      problem(`${domain}`, orgs, 'org map is not a JSON object; entry dropped');
      return;
    }
    let perOrg = this.result.build.get(domain);
    for (const [rawOrg, list] of Object.entries(orgs as Record<string, unknown>)) {
      const org = normaliseOrg(rawOrg);
      if (org === null) {
        problem(`${domain}.${rawOrg}`, rawOrg, 'not an org id; dropped');
        continue;
      }
      if (!Array.isArray(list) || typeof list[0] !== 'number' || !Number.isFinite(list[0])) {
        problem(`${domain}.${rawOrg}`, list, 'risk is not a number; dropped');
        continue;
      }
      if (!perOrg) {
        perOrg = new Map();
        this.result.build.set(domain, perOrg);
      }
      const key = orgKey(org);
      if (perOrg.has(key)) this.result.replaced++;
      else this.result.kept++;
      perOrg.set(key, { org, risk: list[0], reasons: list.slice(1).map(reasonText) });
    }
  }
}

export function parseReputationJson(text: string, name: string): ReputationParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name}: not valid JSON (${(error as Error).message}); expected an array of [domain, {org_id: [risk, reason, …]}]`);
  }
  if (!Array.isArray(data)) throw new Error(`${name}: expected a JSON array of [domain, {org_id: [risk, reason, …]}], found ${data === null ? 'null' : typeof data}`);
  const parser = new ReputationBuildParser();
  data.forEach((element, i) => parser.add(element, i + 1));
  return parser.result;
}
