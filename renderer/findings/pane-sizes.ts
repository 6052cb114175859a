// The analyst's layout of an analysis view, remembered in localStorage: whether the charts are
// shown, and the widths of the org list and the detail pane (dragged or moved by keyboard).

import { useCallback, useState } from 'react';

export interface PaneSizes {
  charts: boolean;
  orgWidth: number;
  detailWidth: number;
}

const KEY = 'smw.layout';
export const ORG_WIDTH = { min: 150, max: 420, initial: 190 };
export const DETAIL_WIDTH = { min: 320, max: 900, initial: 360 };

function read(): PaneSizes {
  const initial = { charts: true, orgWidth: ORG_WIDTH.initial, detailWidth: DETAIL_WIDTH.initial };
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<PaneSizes>;
    return {
      charts: typeof stored.charts === 'boolean' ? stored.charts : initial.charts,
      orgWidth: clamp(Number(stored.orgWidth) || initial.orgWidth, ORG_WIDTH),
      detailWidth: clamp(Number(stored.detailWidth) || initial.detailWidth, DETAIL_WIDTH),
    };
  } catch {
    return initial;
  }
}

export const clamp = (v: number, range: { min: number; max: number }) => Math.round(Math.max(range.min, Math.min(range.max, v)));

export function usePaneSizes(): [PaneSizes, (patch: Partial<PaneSizes>) => void] {
  const [sizes, setSizes] = useState(read);
  const update = useCallback((patch: Partial<PaneSizes>) => {
    setSizes((s) => {
      const next = { ...s, ...patch };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Storage may be disabled: the layout then lasts for this window only.
      }
      return next;
    });
  }, []);
  return [sizes, update];
}
