// The cutoff reaches the charts' marker layers through context, not props: moving the cutoff
// then redraws one line per chart instead of every bar (the issue's < 100 ms per move).

import { createContext } from 'react';

export const CutoffContext = createContext(0.3);
