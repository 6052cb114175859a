// A chart panel: title, a legend line, a PNG button, and the chart. The PNG is made from the
// chart's SVG as drawn, so it shows exactly what is on screen.

import { useRef, useState, type ReactNode } from 'react';
import { errorText } from '../common/error-text';
import { Pending } from '../common/pending';
import { downloadChartPng, type ChartDescription } from './chart-png';
import { useChartPalette } from './chart-theme';

interface ChartFrameProps {
  title: string;
  /** Shown beside the title, e.g. the hovered bin. */
  aside?: ReactNode;
  fileName: string;
  /** What the PNG says it shows: title, feedback pull, cutoff, filters, legend, axis titles. */
  png: ChartDescription;
  /** The chart's numbers are being computed again. */
  pending?: boolean;
  children: ReactNode;
}

export function ChartFrame({ title, aside, fileName, png, pending = false, children }: ChartFrameProps) {
  const body = useRef<HTMLDivElement>(null);
  const palette = useChartPalette();
  const [error, setError] = useState<string | null>(null);
  const exportPng = () => {
    if (!body.current) return;
    setError(null);
    downloadChartPng(body.current, {
      fileName,
      chart: png,
      background: palette.panel,
      textColor: palette.text,
      mutedColor: palette.muted,
      font: palette.font,
    }).catch((e: unknown) => setError(errorText(e)));
  };
  return (
    <section className="chart panel" aria-label={title}>
      <header className="chart-head">
        <h3 className="panel-title">{title}</h3>
        <div className="chart-aside">{aside}</div>
        <button type="button" className="small" onClick={exportPng} title={`Save this chart as ${fileName}`} aria-label={`Save ${title} as PNG`}>
          PNG
        </button>
      </header>
      {error && (
        <p className="chart-error" role="alert">
          {error}
        </p>
      )}
      <div className="chart-body" ref={body}>
        <Pending active={pending} label="Drawing…" />
        {children}
      </div>
    </section>
  );
}
