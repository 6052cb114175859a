// nivo draws SVG with colours as attribute values, where CSS custom properties do not apply;
// and a PNG export must carry real colours. So the palette is read from the CSS tokens and
// read again when the OS switches between light and dark.

import { useEffect, useState } from 'react';
import type { PartialTheme } from '@nivo/theming';

export interface ChartPalette {
  a: string;
  b: string;
  cutoff: string;
  text: string;
  muted: string;
  grid: string;
  panel: string;
  font: string;
}

function readPalette(): ChartPalette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    a: v('--a', '#2f6fdf'),
    b: v('--b', '#e07a1f'),
    cutoff: v('--cutoff', '#c62f4a'),
    text: v('--text', '#161a20'),
    muted: v('--muted', '#586272'),
    grid: v('--border', '#d5dae2'),
    panel: v('--panel', '#ffffff'),
    font: v('--font', 'system-ui, sans-serif'),
  };
}

export function useChartPalette(): ChartPalette {
  const [palette, setPalette] = useState(readPalette);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setPalette(readPalette());
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return palette;
}

export function nivoTheme(p: ChartPalette): PartialTheme {
  const text = { fill: p.muted, fontSize: 11, fontFamily: p.font };
  return {
    background: 'transparent',
    text,
    axis: {
      domain: { line: { stroke: p.grid, strokeWidth: 1 } },
      ticks: { line: { stroke: p.grid, strokeWidth: 1 }, text },
      legend: { text: { ...text, fill: p.text, fontSize: 11 } },
    },
    grid: { line: { stroke: p.grid, strokeWidth: 1, strokeOpacity: 0.6 } },
    crosshair: { line: { stroke: p.text, strokeWidth: 1, strokeOpacity: 0.5, strokeDasharray: '4 4' } },
    tooltip: {
      container: { background: p.panel, color: p.text, fontSize: 12, borderRadius: 4, boxShadow: '0 2px 8px #0004', padding: '6px 9px' },
    },
  };
}
