// The readable output of `smw findings|reputation|compare` for a person: the notebook's
// `Org 54 - 12 items` summary, then the findings under each org.

import type { AuthenticityCompareItem, CompareReport, FindingsReport, ReputationCompareItem, ReputationReport } from './types';

const fmt = (v: number | null): string => (v === null ? '—' : v.toFixed(3));

function orgLines(orgs: Array<{ org: number | string; findings: number }>): string[] {
  return orgs.filter((o) => o.findings > 0).map((o) => `Org ${String(o.org).padStart(2)} - ${String(o.findings).padStart(3)} items`);
}

export function findingsText(report: FindingsReport): string {
  const s = report.summary;
  const out = [
    `Build ${report.build} against feedback ${report.feedback}, cutoff ${report.cutoff}`,
    `${s.items} items: ${s.scored} scored (${s.underCutoff} at or under the cutoff), ${s.uncoveredCidr} with nothing of the model in the CIDR, ${s.uncoveredDomain} with the domain not in the build — ${s.findings} findings`,
    '',
    ...orgLines(report.orgs),
  ];
  let org: string | null = null;
  for (const item of report.items) {
    if (!(item.underCutoff || item.status !== 'scored')) continue;
    if (String(item.org) !== org) {
      org = String(item.org);
      out.push('', `Org ${org}`);
    }
    const stats = item.status === 'scored' ? `min ${fmt(item.min)}  mean ${fmt(item.mean)}  max ${fmt(item.max)}  (${item.count} model ${item.count === 1 ? 'entry' : 'entries'})` : item.status;
    out.push(`- ${item.domain}  ${item.cidr}  ${stats}`);
    for (const c of item.comments) out.push(`    ${c}`);
  }
  return `${out.join('\n')}\n`;
}

export function reputationText(report: ReputationReport): string {
  const s = report.summary;
  const out = [
    `Reputation build ${report.build} against feedback ${report.feedback}, cutoff ${report.cutoff}`,
    `${s.items} trusted items: ${s.scored} scored (${s.underCutoff} at or under the cutoff), ${s.uncoveredOrg} with the org not in the build, ${s.uncoveredDomain} with the domain not in the build — ${s.findings} findings`,
    '',
    ...orgLines(report.orgs),
  ];
  let org: string | null = null;
  for (const item of report.items) {
    if (!(item.underCutoff || item.status !== 'scored')) continue;
    if (String(item.org) !== org) {
      org = String(item.org);
      out.push('', `Org ${org}`);
    }
    const stats = item.status === 'scored' ? `reputation ${fmt(item.score)} (risk ${fmt(item.risk)})` : item.status;
    out.push(`- ${item.domain}  ${stats}${item.reasons.length ? `  ${item.reasons.join(', ')}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

export function compareText(report: CompareReport): string {
  const t = report.transitions;
  const out = [
    `Compare ${report.base} → ${report.candidate} (${report.kind}) against feedback ${report.feedback}, cutoff ${report.cutoff}`,
    `${t.fixed} fixed, ${t.regressed} regressed, ${t.changed} changed, ${t.unchanged} unchanged`,
    '',
    ...report.orgs.map((o) => `Org ${String(o.org).padStart(2)} - ${o.fixed} fixed, ${o.regressed} regressed, ${o.changed} changed, ${o.unchanged} unchanged`),
  ];
  for (const transition of ['regressed', 'fixed', 'changed'] as const) {
    const items = (report.items as Array<AuthenticityCompareItem | ReputationCompareItem>).filter((i) => i.transition === transition);
    if (items.length === 0) continue;
    out.push('', `${transition[0].toUpperCase()}${transition.slice(1)}:`);
    for (const item of items) {
      if ('cidr' in item) {
        out.push(`- Org ${item.org}  ${item.domain}  ${item.cidr}  ${item.base.status} ${fmt(item.base.mean)} → ${item.candidate.status} ${fmt(item.candidate.mean)}`);
      } else {
        out.push(`- Org ${item.org}  ${item.domain}  ${item.base.status} ${fmt(item.base.score)} → ${item.candidate.status} ${fmt(item.candidate.score)}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
