// The sender context (DESIGN §8) in words and cells: SPF with the term that decided, PTR names,
// forward confirmation, AS. An item the context snapshot does not cover says "not covered", a
// wider CIDR "—" (nothing is looked up for it), a failed lookup "lookup failed": three different
// things an analyst must not mistake for one another.

import type { SenderContext } from '../../shared/sender-context';
import { ptrStateOf, type FcrdnsFilter, type SpfFilter } from '../../shared/sender-context-view';

export const SPF_LABELS: Record<SpfFilter, string> = {
  pass: 'pass',
  fail: 'fail',
  softfail: 'softfail',
  neutral: 'neutral',
  none: 'none (no SPF record)',
  permerror: 'permerror',
  temperror: 'temperror (a lookup failed)',
  'no-result': 'no result (a wider CIDR)',
  'not-covered': 'not covered by the context',
};

export const FCRDNS_LABELS: Record<FcrdnsFilter, string> = {
  confirmed: 'forward-confirmed',
  'not-confirmed': 'not forward-confirmed',
  unknown: 'unknown (no names, failed, wider)',
  'not-covered': 'not covered by the context',
};

const NOT_COVERED_TITLE = 'The chosen context snapshot was not pulled for this item (another feedback pull)';
const WIDER_TITLE = 'A wider CIDR: SPF and reverse DNS are looked up for single addresses';

export function NotCovered() {
  return (
    <span className="uncovered not-covered" title={NOT_COVERED_TITLE}>
      not covered
    </span>
  );
}

function Wider() {
  return (
    <span className="faint" title={WIDER_TITLE}>
      —
    </span>
  );
}

const SPF_TONE: Partial<Record<string, string>> = { pass: 'spf-pass', fail: 'spf-fail', softfail: 'spf-soft', permerror: 'spf-error', temperror: 'spf-error' };

export function SpfCell({ context }: { context: SenderContext | null | undefined }) {
  if (context === undefined) return null;
  if (context === null) return <NotCovered />;
  if (context.spf === null) return <Wider />;
  return (
    <span className="spf" title={context.spfMechanism ? `${context.spf} by ${context.spfMechanism}` : SPF_LABELS[context.spf]}>
      <span className={`spf-result ${SPF_TONE[context.spf] ?? ''}`}>{context.spf}</span>
      {context.spfMechanism && <span className="mono spf-term"> {context.spfMechanism}</span>}
    </span>
  );
}

export function PtrCell({ cidr, context }: { cidr: string; context: SenderContext | null | undefined }) {
  if (context === undefined) return null;
  switch (ptrStateOf(cidr, context)) {
    case 'not-covered':
      return <NotCovered />;
    case 'wider':
      return <Wider />;
    case 'failed':
      return (
        <span className="lookup-failed" title="The reverse lookup failed (timeout, SERVFAIL, refused) when the context was pulled">
          lookup failed
        </span>
      );
    case 'no-names':
      return (
        <span className="faint" title="The reverse lookup answered: no PTR names (NXDOMAIN or an empty answer)">
          no PTR
        </span>
      );
    default:
      return (
        <span className="mono ptr-names" title={context!.ptr!.join('\n')}>
          {context!.ptr!.join(', ')}
        </span>
      );
  }
}

export function FcrdnsCell({ context }: { context: SenderContext | null | undefined }) {
  if (context === undefined) return null;
  if (context === null) return <NotCovered />;
  if (context.fcrdns === null)
    return (
      <span className="faint" title="Unknown: no PTR names, a failed lookup, or a wider CIDR">
        —
      </span>
    );
  return context.fcrdns ? (
    <span className="fcrdns-yes" title="A PTR name resolves back to the address">
      ✓ yes
    </span>
  ) : (
    <span className="fcrdns-no" title="No PTR name resolves back to the address">
      ✗ no
    </span>
  );
}

export function AsCell({ context }: { context: SenderContext | null | undefined }) {
  if (context === undefined) return null;
  if (context === null) return <NotCovered />;
  if (context.asn === null)
    return (
      <span className="faint" title="The AS tables had no range for this address (or AS 0, or no table was given)">
        —
      </span>
    );
  return (
    <span className="as" title={`AS${context.asn}${context.asName ? ` ${context.asName}` : ''}`}>
      <span className="mono">AS{context.asn}</span>
      {context.asName && <span className="muted"> {context.asName}</span>}
    </span>
  );
}
