// Export a chart as PNG: the chart's own SVG, drawn onto a canvas at twice its size with a solid
// background and a title line, so the picture reads on its own in a ticket or a report.

import { downloadBlob } from '../common/download';

export interface PngOptions {
  fileName: string;
  title: string;
  background: string;
  textColor: string;
  font: string;
}

export async function svgToPngBlob(svg: SVGSVGElement, options: Omit<PngOptions, 'fileName'>): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      img.src = url;
    });
    const scale = 2;
    const titleHeight = 28;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil((height + titleHeight) * scale);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('this browser cannot draw on a canvas');
    g.scale(scale, scale);
    g.fillStyle = options.background;
    g.fillRect(0, 0, width, height + titleHeight);
    g.fillStyle = options.textColor;
    g.font = `600 13px ${options.font}`;
    g.textBaseline = 'middle';
    g.fillText(options.title, 10, titleHeight / 2);
    g.drawImage(image, 0, titleHeight, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadChartPng(container: HTMLElement, options: PngOptions): Promise<void> {
  // nivo renders one root <svg>; tooltips are HTML, so they never end up in the picture.
  const svg = container.querySelector('svg');
  if (!svg) throw new Error('the chart has not been drawn yet');
  downloadBlob(await svgToPngBlob(svg, options), options.fileName);
}
