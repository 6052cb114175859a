// The "saved profile…" menu of the S3 and PostgreSQL pull forms.

interface ProfilePickerProps {
  profiles: ReadonlyArray<{ name: string }>;
  /** Names the menu for screen readers, e.g. "Saved S3 profile". */
  label: string;
  onPick: (name: string) => void;
}

export function ProfilePicker({ profiles, label, onPick }: ProfilePickerProps) {
  if (profiles.length === 0) return null;
  return (
    <select onChange={(e) => onPick(e.target.value)} defaultValue="" aria-label={label}>
      <option value="" disabled>
        saved profile…
      </option>
      {profiles.map((p) => (
        <option key={p.name} value={p.name}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
