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

/** Where a key moves in the bins, or null for a key that does not move. */
function binAfterKey(key: string, bin: number, count: number): number | null {
  const steps: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, PageDown: 5, PageUp: -5 };
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (key in steps) return Math.max(0, Math.min(count - 1, bin + steps[key]));
  return null;
}

export function BinPicker({ label, binsA, binsB, labelA, labelB, activeBin, onPick, children }: BinPickerProps) {
  const id = useId();
  const [bin, setBin] = useState(activeBin?.index ?? 0);
  const [focused, setFocused] = useState(false);
  const count = binsA.length;
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
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onPick(bin, e.key === 'Enter' && e.shiftKey && binsB ? 'B' : 'A');
          return;
        }
        const to = binAfterKey(e.key, bin, count);
        if (to !== null) {
          e.preventDefault();
          setBin(to);
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
        // biome-ignore lint/a11y/useFocusableInteractive: the list has the focus and names its active option (aria-activedescendant), as the listbox pattern does
        <div key={binRange(i)} id={`${id}-${i}`} role="option" aria-selected={activeBin?.index === i} className="visually-hidden">
          {text(i)}
        </div>
      ))}
    </div>
  );
}
