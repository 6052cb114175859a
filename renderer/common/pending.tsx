// Progress where a result will appear: a thin sweeping bar and a word, over the region that is
// waiting (cards, a chart, the table, the detail). It shows only once the call has taken 300 ms —
// by a CSS animation delay, not a timer — so quick answers never flash it.

export function Pending({ active, label }: { active: boolean; label: string }) {
  if (!active) return null;
  return (
    <div className="pending-progress" role="progressbar" aria-label={label} aria-valuetext="working…">
      <span className="pending-bar" />
      <span className="pending-text">{label}</span>
    </div>
  );
}
