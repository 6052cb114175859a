// The tags the notebook's "Things to improve" kept coming back to; free tags may be added.

export const PRESET_TAGS = ['mailing list', 'forwarder', 'PTR neighbourhood', 'SPF', 'periodicity', 'one-off'] as const;

export const NOTE_STATUSES = [
  { value: 'open', label: 'open' },
  { value: 'explained', label: 'explained' },
  { value: 'fixed', label: 'fixed' },
  { value: 'wont-fix', label: "won't fix" },
] as const;
