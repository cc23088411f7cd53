import type { Messages } from './nb.js';
import { nbCore } from './nb-core.js';
import type { catalogues } from './catalogues.js';

export type { Messages };
// In a module of their own: a browser loads only the catalogue it shows (see `loadCatalogue`).
export { catalogues } from './catalogues.js';
export type UiLanguage = keyof typeof catalogues;
// Spelled out, not derived from `catalogues`, so a screen can list the languages without loading them all.
export const UI_LANGUAGES: UiLanguage[] = ['nb', 'en'];

/** How a screen reports, on the console, a string it found in no loaded catalogue (the browser tests look for it). */
export const MISSING_STRING = '[i18n] missing string:';
/**
 * Which strings a screen needs: `core` every screen's, `facilitator` also the facilitator's own
 * screens' (signing in, the seminar list, the console's people and tasks, the report).
 */
export type CataloguePart = 'core' | 'facilitator';
/**
 * Part of one language's catalogue for a browser, which needs only the language it shows and, on
 * a phone, not the facilitator's strings: Norwegian's core comes with the page (most seminars are
 * held in it), everything else loads when needed. English loads whole with its core.
 */
export function loadCatalogue(lng: UiLanguage, part: CataloguePart = 'core'): Partial<Messages> | Promise<Partial<Messages>> {
  if (lng === 'en') return part === 'core' ? import('./en.js').then((m) => m.en) : {};
  return part === 'core' ? nbCore : import('./nb-facilitator.js').then((m) => m.nbFacilitator);
}
