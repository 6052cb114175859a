// The threshold curve: for each cutoff from 0 to 1, the share of all feedback items the build
// scores above it — A and B on one chart, the current cutoff marked. Where to set the cutoff,
// at a glance; a click on the chart moves the cutoff there.

import { ResponsiveLine, type LineCustomSvgLayerProps, type LineSvgLayer, type SliceTooltipProps } from '@nivo/line';
import { memo, useContext, useMemo } from 'react';
import type { ThresholdCurve } from '../../shared/api';
import { formatCutoff, formatPercent } from '../common/format';
import { nivoTheme, type ChartPalette } from './chart-theme';
import { CutoffContext } from './cutoff-context';

interface Series {
  id: string;
  data: Array<{ x: number; y: number }>;
}

export interface ThresholdCurveProps {
  curve: ThresholdCurve;
  palette: ChartPalette;
  labelA: string;
  labelB?: string;
  onPick: (cutoff: number) => void;
  ariaLabel: string;
}

function ThresholdCurveChartImpl({ curve, palette, labelA, labelB, onPick, ariaLabel }: ThresholdCurveProps) {
  const data = useMemo<Series[]>(() => {
    const series: Series[] = [{ id: 'A', data: curve.cutoffs.map((x, k) => ({ x, y: curve.aboveA[k] })) }];
    if (curve.aboveB) series.push({ id: 'B', data: curve.cutoffs.map((x, k) => ({ x, y: curve.aboveB![k] })) });
    return series;
  }, [curve]);
  const theme = useMemo(() => nivoTheme(palette), [palette]);
  const layers = useMemo<LineSvgLayer<Series>[]>(
    () => [
      'grid',
      'axes',
      'lines',
      function CutoffMarker({ xScale, innerHeight }: LineCustomSvgLayerProps<Series>) {
        const cutoff = useContext(CutoffContext);
        const x = xScale(cutoff);
        return (
          <g>
            <line x1={x} x2={x} y1={-4} y2={innerHeight} stroke={palette.cutoff} strokeWidth={2} strokeDasharray="5 3" />
            <text x={x + 4} y={6} fill={palette.cutoff} fontSize={11} fontWeight={600} fontFamily={palette.font}>
              {formatCutoff(cutoff)}
            </text>
          </g>
        );
      },
      'crosshair',
      'slices',
    ],
    [palette],
  );
  const SliceTooltip = useMemo(
    () =>
      function CurveTooltip({ slice }: SliceTooltipProps<Series>) {
        const x = slice.points[0]?.data.x ?? 0;
        return (
          <div className="chart-tooltip">
            <strong>cutoff {x.toFixed(2)}</strong>
            {slice.points.map((p) => (
              <div key={p.id}>
                <span className={`swatch ${p.seriesId === 'B' ? 'b' : 'a'}`} /> {p.seriesId === 'B' ? labelB : labelA}:{' '}
                <span className="num">{formatPercent(p.data.y)}</span> above
              </div>
            ))}
            <div className="faint">click to set the cutoff here</div>
          </div>
        );
      },
    [labelA, labelB],
  );
  return (
    <ResponsiveLine<Series>
      data={data}
      xScale={{ type: 'linear', min: 0, max: 1 }}
      yScale={{ type: 'linear', min: 0, max: 1 }}
      margin={{ top: 14, right: 14, bottom: 26, left: 44 }}
      colors={({ id }) => (id === 'B' ? palette.b : palette.a)}
      lineWidth={2}
      enablePoints={false}
      enableGridX={false}
      gridYValues={[0, 0.25, 0.5, 0.75, 1]}
      axisLeft={{ tickSize: 3, tickPadding: 4, tickValues: [0, 0.25, 0.5, 0.75, 1], format: (v: number) => `${Math.round(v * 100)}%` }}
      axisBottom={{ tickSize: 3, tickPadding: 4, tickValues: [0, 0.2, 0.4, 0.6, 0.8, 1], format: (v: number) => v.toFixed(1) }}
      layers={layers}
      enableSlices="x"
      sliceTooltip={SliceTooltip}
      onClick={(datum) => {
        const point = 'points' in datum ? datum.points[0] : datum;
        if (point) onPick(Math.round(point.data.x * 100) / 100);
      }}
      animate={false}
      theme={theme}
      role="img"
      ariaLabel={ariaLabel}
    />
  );
}

export const ThresholdCurveChart = memo(ThresholdCurveChartImpl);
