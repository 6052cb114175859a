// The cutoff: a slider (steps of 0.01) and a number box for an exact value. The box keeps what
// is typed until it is a number in [0, 1]; anything else is refused with a message.

import { useId, useState } from 'react';
import { formatCutoff } from '../common/format';

interface CutoffControlProps {
  value: number | undefined;
  onChange: (value: number) => void;
  /** Back to the default (no cutoff in the URL); absent when already there. */
  onReset?: () => void;
  source: string;
}

export function CutoffControl({ value, onChange, onReset, source }: CutoffControlProps) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : formatCutoff(value));
  const [problem, setProblem] = useState<string | null>(null);
  // Only a change from outside (slider, URL, the default arriving) rewrites the box.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value === undefined ? '' : formatCutoff(value));
  }

  const commit = () => {
    const trimmed = text.trim().replace(',', '.');
    const v = Number(trimmed);
    if (trimmed === '' || !Number.isFinite(v) || v < 0 || v > 1) {
      setProblem('The cutoff is a number from 0 to 1, e.g. 0.3');
      return;
    }
    setProblem(null);
    if (v !== value) onChange(v);
  };

  return (
    <div className="cutoff">
      <label htmlFor={`${id}-slider`} className="cutoff-label">
        Cutoff
      </label>
      <input
        id={`${id}-slider`}
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={value ?? 0.3}
        disabled={value === undefined}
        onChange={(e) => {
          setProblem(null);
          onChange(Number(e.target.value));
        }}
        aria-valuetext={value === undefined ? 'loading' : formatCutoff(value)}
      />
      <input
        type="text"
        inputMode="decimal"
        className="cutoff-box num"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setProblem(null);
            setText(value === undefined ? '' : formatCutoff(value));
          }
        }}
        aria-label="Cutoff, exact value"
        aria-invalid={problem !== null}
        aria-describedby={`${id}-source`}
      />
      <span id={`${id}-source`} className={problem ? 'cutoff-problem' : 'cutoff-source'} role={problem ? 'alert' : undefined}>
        {problem ?? source}
      </span>
      {onReset && (
        <button type="button" className="link small" onClick={onReset} title="Use the default again">
          reset
        </button>
      )}
    </div>
  );
}
