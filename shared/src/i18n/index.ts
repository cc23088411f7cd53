import { nb } from './nb.js';
import { en } from './en.js';

export type { Messages } from './nb.js';
/** Message catalogues, one per UI language. */
export const catalogues = { nb, en } as const;
export type UiLanguage = keyof typeof catalogues;
export const UI_LANGUAGES = Object.keys(catalogues) as UiLanguage[];
