// Export a chart as a PNG that reads on its own in a ticket or a report: the chart's own SVG at
// twice its size (2× pixel density), under a header that says what it shows — the full title,
// wrapped; a subtitle with the feedback pull, cutoff and filters; a legend for builds A and B —
// with axis titles beside the axes. The same words go into the file's text chunks (Title,
// Description), so a file browser or an image tool shows them too.

import { downloadBlob } from '../common/download';
import { withTextChunks } from './png-text';

export interface ChartDescription {
  title: string;
  /** Lines under the title: feedback pull, cutoff, filters. */
  subtitle: string[];
  legend: Array<{ label: string; color: string }>;
  xTitle: string;
  yTitle: string;
}

export interface PngOptions {
  fileName: string;
  chart: ChartDescription;
  background: string;
  textColor: string;
  mutedColor: string;
  font: string;
}

const SCALE = 2;
const PAD = 12;
const Y_TITLE = 18;
const X_TITLE = 20;

/** Greedy word wrap by measured width; a word longer than the line is broken where it must be. */
export function wrapText(g: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (g.measureText(next).width <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    // A build id longer than the picture is wide: break it by characters.
    while (g.measureText(line).width > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && g.measureText(line.slice(0, cut)).width > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

async function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    return await new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      img.src = url;
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function svgToPngBlob(svg: SVGSVGElement, options: Omit<PngOptions, 'fileName'>): Promise<Blob> {
  const { width: chartWidth, height: chartHeight } = svg.getBoundingClientRect();
  const image = await svgImage(svg, chartWidth, chartHeight);
  const { chart } = options;
  // At least 560 px wide, so a small on-screen chart still gets a readable header.
  const width = Math.max(560, Math.ceil(chartWidth + Y_TITLE + 2 * PAD));
  const textWidth = width - 2 * PAD;
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('this browser cannot draw on a canvas');
  const titleFont = `650 15px ${options.font}`;
  const subFont = `12px ${options.font}`;
  measure.font = titleFont;
  const titleLines = wrapText(measure, chart.title, textWidth);
  measure.font = subFont;
  const subLines = chart.subtitle.flatMap((line) => wrapText(measure, line, textWidth));
  // Legend entries flow left to right and wrap like words.
  const legendRows: Array<Array<{ label: string; color: string; x: number }>> = [[]];
  let x = 0;
  for (const entry of chart.legend) {
    const w = 18 + measure.measureText(entry.label).width + 16;
    if (x > 0 && x + w > textWidth) {
      legendRows.push([]);
      x = 0;
    }
    legendRows[legendRows.length - 1].push({ ...entry, x });
    x += w;
  }
  const headerHeight = PAD + titleLines.length * 20 + subLines.length * 16 + (chart.legend.length ? legendRows.length * 18 + 4 : 0) + 6;
  const height = Math.ceil(headerHeight + chartHeight + X_TITLE + PAD);

  const canvas = document.createElement('canvas');
  canvas.width = width * SCALE;
  canvas.height = height * SCALE;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('this browser cannot draw on a canvas');
  g.scale(SCALE, SCALE);
  g.fillStyle = options.background;
  g.fillRect(0, 0, width, height);
  g.textBaseline = 'top';
  let y = PAD;
  g.fillStyle = options.textColor;
  g.font = titleFont;
  for (const line of titleLines) {
    g.fillText(line, PAD, y);
    y += 20;
  }
  g.fillStyle = options.mutedColor;
  g.font = subFont;
  for (const line of subLines) {
    g.fillText(line, PAD, y);
    y += 16;
  }
  y += 4;
  for (const row of legendRows) {
    for (const entry of row) {
      g.fillStyle = entry.color;
      g.fillRect(PAD + entry.x, y + 1, 12, 12);
      g.fillStyle = options.textColor;
      g.fillText(entry.label, PAD + entry.x + 18, y);
    }
    y += 18;
  }
  const chartLeft = PAD + Y_TITLE;
  const chartTop = headerHeight;
  g.drawImage(image, chartLeft, chartTop, chartWidth, chartHeight);
  // Axis titles: y turned along the axis, x centred under it.
  g.fillStyle = options.mutedColor;
  g.font = `600 11px ${options.font}`;
  // The y title runs along the chart's height only: a long one gets a smaller font, never the legend.
  const yWidth = g.measureText(chart.yTitle).width;
  if (yWidth > chartHeight - 8) g.font = `600 ${Math.max(7, Math.floor((11 * (chartHeight - 8)) / yWidth))}px ${options.font}`;
  g.save();
  g.translate(PAD, chartTop + chartHeight / 2);
  g.rotate(-Math.PI / 2);
  g.textAlign = 'center';
  g.fillText(chart.yTitle, 0, 0);
  g.restore();
  g.textAlign = 'center';
  g.fillText(chart.xTitle, chartLeft + chartWidth / 2, chartTop + chartHeight + 4);

  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'),
  );
  const description = [...chart.subtitle, ...chart.legend.map((l) => l.label), `x: ${chart.xTitle}; y: ${chart.yTitle}`].join('\n');
  return withTextChunks(blob, { Title: chart.title, Description: description, Software: 'Sender Model Workbench' });
}

export async function downloadChartPng(container: HTMLElement, options: PngOptions): Promise<void> {
  // nivo renders one root <svg>; tooltips are HTML, so they never end up in the picture.
  const svg = container.querySelector('svg');
  if (!svg) throw new Error('the chart has not been drawn yet');
  downloadBlob(await svgToPngBlob(svg, options), options.fileName);
}
