// The bins of a histogram for the keyboard and for screen readers: one focusable list whose
// options are the 50 bins with their counts. ←/→ (Home/End) move, Enter lists the bin's items in
// the table (Shift+Enter: build B's bin). The drawn chart is hidden from assistive technology,
// since this list says everything it shows; the bin the keyboard is on is outlined in the chart.

import { useId, useState, type ReactNode } from 'react';
import { formatCount } from '../common/format';
import { binRange } from './bins';

interface BinPickerProps {
  label: string;
  binsA: number[];
  binsB?: number[];
  labelA: string;
  labelB?: string;
  /** The bin the table is filtered to. */
  activeBin?: { index: number; build: 'A' | 'B' };
  onPick: (index: number, build: 'A' | 'B') => void;
  /** The chart, drawn with the bin the keyboard is on (undefined when the list has no focus). */
  children: (focusBin: number | undefined) => ReactNode;
}

export function BinPicker({ label, binsA, binsB, labelA, labelB, activeBin, onPick, children }: BinPickerProps) {
  const id = useId();
  const [bin, setBin] = useState(activeBin?.index ?? 0);
  const [focused, setFocused] = useState(false);
  const count = binsA.length;
  const move = (to: number) => setBin(Math.max(0, Math.min(count - 1, to)));
  const text = (i: number) => `${binRange(i)}: ${labelB ? 'A ' : ''}${formatCount(binsA[i])}${binsB ? `, B ${formatCount(binsB[i])}` : ''}`;
  return (
    <div
      className="bin-picker"
      role="listbox"
      tabIndex={0}
      aria-label={`${label}: ${count} bins; arrow keys move, Enter lists the bin's items${binsB ? ' (Shift+Enter: build B)' : ''}`}
      aria-activedescendant={`${id}-${bin}`}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onKeyDown={(e) => {
        const keys: Record<string, () => void> = {
          ArrowRight: () => move(bin + 1),
          ArrowDown: () => move(bin + 1),
          ArrowLeft: () => move(bin - 1),
          ArrowUp: () => move(bin - 1),
          Home: () => move(0),
          End: () => move(count - 1),
          PageDown: () => move(bin + 5),
          PageUp: () => move(bin - 5),
          Enter: () => onPick(bin, e.shiftKey && binsB ? 'B' : 'A'),
          ' ': () => onPick(bin, 'A'),
        };
        const action = keys[e.key];
        if (action) {
          e.preventDefault();
          action();
        }
      }}
    >
      <div aria-hidden="true" className="bin-picker-chart">
        {children(focused ? bin : undefined)}
      </div>
      {focused && (
        <span className="bin-picker-readout num" aria-hidden="true">
          {binRange(bin)} · {labelB ? `A ${formatCount(binsA[bin])} · B ${formatCount(binsB?.[bin])}` : `${formatCount(binsA[bin])} in ${labelA}`}
        </span>
      )}
      {binsA.map((_, i) => (
        <div key={i} id={`${id}-${i}`} role="option" aria-selected={activeBin?.index === i} className="visually-hidden">
          {text(i)}
        </div>
      ))}
    </div>
  );
}
