import { nb, type Messages } from './nb.js';
import type { catalogues } from './catalogues.js';

export type { Messages };
// In a module of their own: a browser loads only the catalogue it shows (see `loadCatalogue`).
export { catalogues } from './catalogues.js';
export type UiLanguage = keyof typeof catalogues;
// Spelled out, not derived from `catalogues`, so a screen can list the languages without loading them all.
export const UI_LANGUAGES: UiLanguage[] = ['nb', 'en'];
/**
 * One language's catalogue for a browser, which needs only the one it shows: Norwegian comes with
 * the page (most seminars are held in it), the others load when needed.
 */
export function loadCatalogue(lng: UiLanguage): Messages | Promise<Messages> {
  return lng === 'nb' ? nb : import('./en.js').then((m) => m.en);
}
