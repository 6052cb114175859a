// The 50 bins of DESIGN §4, as the charts and the filter chips name them.

/** Bin i holds [i/50, (i+1)/50). */
export const binRange = (i: number) => `${(i / 50).toFixed(2)}–${((i + 1) / 50).toFixed(2)}`;
