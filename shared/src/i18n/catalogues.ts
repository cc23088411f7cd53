import { nb } from './nb.js';
import { en } from './en.js';

/** Message catalogues, one per UI language. */
export const catalogues = { nb, en } as const;
