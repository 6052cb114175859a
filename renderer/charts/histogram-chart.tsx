// A 50-bin histogram (DESIGN §4: bin i holds [i/50, (i+1)/50)) with build B beside A in each
// bin, the cutoff drawn as a line, bin range and counts on hover, and a click that filters
// the table to the bin.

import { ResponsiveBar, type BarCustomLayerProps, type BarDatum, type BarLayer, type BarTooltipProps } from '@nivo/bar';
import { memo, useContext, useMemo } from 'react';
import { formatCount, formatCutoff } from '../common/format';
import { binRange } from './bins';
import { nivoTheme, type ChartPalette } from './chart-theme';
import { CutoffContext } from './cutoff-context';

export interface HistogramProps {
  binsA: number[];
  binsB?: number[];
  palette: ChartPalette;
  labelA: string;
  labelB?: string;
  /** The bin the table is filtered to, if any. */
  activeBin?: { index: number; build: 'A' | 'B' };
  /** The bin the keyboard is on (BinPicker), outlined. */
  focusBin?: number;
  onBinClick: (index: number, build: 'A' | 'B') => void;
  ariaLabel: string;
}

interface BinDatum extends BarDatum {
  bin: string;
  A: number;
  B: number;
  index: number;
}

const TICKS = Array.from({ length: 11 }, (_, k) => k / 10);

type BandScale = ((v: string) => number) & { step(): number; bandwidth(): number };

/** Where a score falls on the band scale: inside its bin, proportionally (0.30 is where bin 15 starts). */
function valueX(scale: BandScale, v: number): number {
  const bin = Math.min(49, Math.floor(v * 50 + 1e-9));
  const step = scale.step();
  return scale(String(bin)) - (step - scale.bandwidth()) / 2 + (v * 50 - bin) * step;
}

/**
 * The score axis and the cutoff line. nivo's band axis puts ticks at bin centres, which would
 * put "0.3" at 0.31; this axis puts 0, 0.1, …, 1 where those scores are.
 */
function scoreLayers(p: ChartPalette) {
  function ScoreAxis({ xScale, innerHeight }: BarCustomLayerProps<BinDatum>) {
    const scale = xScale as unknown as BandScale;
    return (
      <g transform={`translate(0, ${innerHeight})`}>
        <line x1={valueX(scale, 0)} x2={valueX(scale, 1)} y1={0} y2={0} stroke={p.grid} />
        {TICKS.map((v) => (
          <g key={v} transform={`translate(${valueX(scale, v)}, 0)`}>
            <line y1={0} y2={4} stroke={p.grid} />
            <text y={15} textAnchor="middle" fontSize={11} fontFamily={p.font} fill={p.muted}>
              {v.toFixed(1)}
            </text>
          </g>
        ))}
      </g>
    );
  }
  function CutoffLine({ xScale, innerHeight }: BarCustomLayerProps<BinDatum>) {
    const cutoff = useContext(CutoffContext);
    const x = valueX(xScale as unknown as BandScale, cutoff);
    return (
      <g>
        <line x1={x} x2={x} y1={-4} y2={innerHeight} stroke={p.cutoff} strokeWidth={2} strokeDasharray="5 3" />
        <text x={x + 4} y={6} fill={p.cutoff} fontSize={11} fontWeight={600} fontFamily={p.font}>
          {formatCutoff(cutoff)}
        </text>
      </g>
    );
  }
  return [ScoreAxis, CutoffLine];
}

/** The bin the keyboard is on: an outline around its band, so focus is visible on the chart. */
function focusLayer(p: ChartPalette, bin: number | undefined) {
  return function FocusedBin({ xScale, innerHeight }: BarCustomLayerProps<BinDatum>) {
    if (bin === undefined) return null;
    const scale = xScale as unknown as BandScale;
    const step = scale.step();
    const x = scale(String(bin)) - (step - scale.bandwidth()) / 2;
    return <rect x={x} y={-2} width={step} height={innerHeight + 2} fill="none" stroke={p.text} strokeWidth={1.5} strokeDasharray="3 2" pointerEvents="none" />;
  };
}

function HistogramChartImpl({ binsA, binsB, palette, labelA, labelB, activeBin, focusBin, onBinClick, ariaLabel }: HistogramProps) {
  const data = useMemo<BinDatum[]>(() => binsA.map((a, i) => ({ bin: String(i), index: i, A: a, B: binsB?.[i] ?? 0 })), [binsA, binsB]);
  const keys = binsB ? ['A', 'B'] : ['A'];
  const theme = useMemo(() => nivoTheme(palette), [palette]);
  const layers = useMemo<BarLayer<BinDatum>[]>(() => ['grid', 'axes', 'bars', ...scoreLayers(palette), focusLayer(palette, focusBin)], [palette, focusBin]);
  const Tooltip = useMemo(
    () =>
      function BinTooltip({ indexValue }: BarTooltipProps<BinDatum>) {
        // The bin from the band's own value: nivo's datum lacks its index for the first bin.
        const bin = Number(indexValue);
        // nivo centres the tooltip on the pointer: near either end that puts half of it outside
        // the window, so it leans inwards as the bin moves to an edge.
        const lean = (0.5 - (bin + 0.5) / 50) * 96;
        return (
          <div className="chart-tooltip" style={{ transform: `translateX(${lean}%)` }} data-bin={bin}>
            <strong className="num">{binRange(bin)}</strong>
            <div>
              <span className="swatch a" /> {labelA}: <span className="num">{formatCount(binsA[bin])}</span>
            </div>
            {binsB && (
              <div>
                <span className="swatch b" /> {labelB}: <span className="num">{formatCount(binsB[bin])}</span>
              </div>
            )}
            <div className="faint">click to list these items</div>
          </div>
        );
      },
    [labelA, labelB, binsA, binsB],
  );
  return (
    <ResponsiveBar<BinDatum>
      data={data}
      keys={keys}
      indexBy="bin"
      groupMode="grouped"
      margin={{ top: 14, right: 10, bottom: 26, left: 44 }}
      padding={0.12}
      innerPadding={0}
      colors={({ id, data: d }) => {
        const base = id === 'B' ? palette.b : palette.a;
        return activeBin && activeBin.index !== Number(d.bin) ? `${base}55` : base;
      }}
      enableLabel={false}
      animate={false}
      theme={theme}
      layers={layers}
      axisLeft={{ tickSize: 3, tickPadding: 4, tickValues: 4, format: (v: number) => (Number.isInteger(v) ? formatCount(v) : '') }}
      axisBottom={null}
      gridYValues={4}
      tooltip={Tooltip}
      onClick={(datum) => onBinClick(Number(datum.indexValue), datum.id === 'B' ? 'B' : 'A')}
      // The bars carry no ARIA of their own (a rect cannot be labelled): BinPicker gives the
      // bins to assistive technology and the keyboard as a list.
      role="presentation"
      ariaLabel={ariaLabel}
      isFocusable={false}
    />
  );
}

export const HistogramChart = memo(HistogramChartImpl);
