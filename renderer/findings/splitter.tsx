// A vertical splitter between two panes: drag it, or focus it and use ←/→ (Shift: faster),
// Home/End for the narrowest and widest. `side` says which pane it sizes: the one on its left
// (the org list) or on its right (the detail), so dragging right widens or narrows accordingly.

import { useRef } from 'react';
import { clamp } from './pane-sizes';

interface SplitterProps {
  label: string;
  value: number;
  range: { min: number; max: number };
  side: 'left' | 'right';
  onChange: (width: number) => void;
}

export function Splitter({ label, value, range, side, onChange }: SplitterProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const sign = side === 'left' ? 1 : -1;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an <hr> cannot take focus, be dragged or answer arrow keys; a focusable separator is the ARIA window-splitter pattern
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={range.min}
      aria-valuemax={range.max}
      tabIndex={0}
      onPointerDown={(e) => {
        drag.current = { x: e.clientX, width: value };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (drag.current) onChange(clamp(drag.current.width + sign * (e.clientX - drag.current.x), range));
      }}
      onPointerUp={() => (drag.current = null)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 64 : 16;
        const moves: Record<string, number> = { ArrowRight: value + sign * step, ArrowLeft: value - sign * step, Home: range.min, End: range.max };
        if (e.key in moves) {
          e.preventDefault();
          onChange(clamp(moves[e.key], range));
        }
      }}
    />
  );
}
