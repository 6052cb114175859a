// The tags the notebook's "Things to improve" kept coming back to, for each kind of finding;
// free tags may be added.

/** Authenticity: why an IP the analysts trust scores low. */
export const AUTHENTICITY_TAGS = ['mailing list', 'forwarder', 'PTR neighbourhood', 'SPF', 'periodicity', 'one-off'] as const;
/** Reputation: why a domain the analysts trust has a low reputation. */
export const REPUTATION_TAGS = ['domain suffix rule', 'cousin domain', 'registration age', 'pop-up domain', 'new domain (incremental)', 'one-off'] as const;

export type TagKind = 'authenticity' | 'reputation' | 'any';

export function presetTags(kind: TagKind): readonly string[] {
  if (kind === 'authenticity') return AUTHENTICITY_TAGS;
  if (kind === 'reputation') return REPUTATION_TAGS;
  return [...new Set([...AUTHENTICITY_TAGS, ...REPUTATION_TAGS])];
}

export const NOTE_STATUSES = [
  { value: 'open', label: 'open' },
  { value: 'explained', label: 'explained' },
  { value: 'fixed', label: 'fixed' },
  { value: 'wont-fix', label: "won't fix" },
] as const;
