import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogues } from '@tavla/shared';
import { I18n } from './i18next.js';

// The screens' namespaces add themselves to the (real, here) i18next when loaded: it must be set up first.
await i18next.init({ initAsync: false });
const { boardMessages } = await import('../board/messages.js');
const { dayMessages } = await import('../day/messages.js');

/** Every message of every catalogue, as real i18next and the build's small stand-in render it. */
const namespaces = {
  translation: catalogues,
  board: boardMessages,
  day: dayMessages,
} as Record<string, Record<string, Record<string, unknown>>>;
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [ns, byLng] of Object.entries(namespaces)) for (const [lng, bundle] of Object.entries(byLng)) (resources[lng] ??= {})[ns] = bundle;

function keys(x: unknown, prefix = ''): string[] {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return [prefix];
  return [...(prefix ? [prefix] : []), ...Object.entries(x).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))];
}
const values = { name: 'Ann', n: 3, total: 7, group: 'Bord 2', text: 'Tid', title: 'Dag', max: 9, min: 1, heading: 'Tema', k: 3, role: 'Bruker' };

describe('the small i18next the build uses', () => {
  it('renders every message, plural and interpolation exactly as i18next does, in both languages', async () => {
    const real = i18next.createInstance();
    await real.init({ resources, lng: 'nb', fallbackLng: 'en', interpolation: { escapeValue: false }, returnObjects: true, initAsync: false });
    const lite = new I18n();
    await lite.init({ resources, lng: 'nb', fallbackLng: 'en' });
    let checked = 0;
    for (const lng of ['nb', 'en']) {
      await real.changeLanguage(lng);
      await lite.changeLanguage(lng);
      for (const [ns, byLng] of Object.entries(namespaces)) {
        const all = new Set(keys(byLng[lng]).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));
        for (const key of all) {
          for (const options of [{ ns, ...values }, { ns, ...values, count: 1 }, { ns, ...values, count: 0 }, { ns, ...values, count: 5 }] as Record<string, unknown>[]) {
            expect(lite.t(key, options), `${lng} ${ns}:${key} ${JSON.stringify(options.count)}`).toEqual(real.t(key, options as never));
            checked++;
          }
        }
      }
      expect(lite.t('no.such.key')).toBe(real.t('no.such.key' as never));
      expect(lite.t('no.such.key', { defaultValue: 'Feil {{name}}', name: 'x' })).toBe(real.t('no.such.key' as never, { defaultValue: 'Feil {{name}}', name: 'x' } as never));
      expect(lite.t('board:title')).toBe(real.t('board:title' as never));
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('tells a missing-key handler of each key found in no language, as i18next does', async () => {
    const resources = { en: { translation: { only: 'English' } }, nb: { translation: { both: 'Begge' } } };
    const told = (make: () => { init: (o: object) => unknown; t: (k: string, o?: object) => unknown }) => {
      const missing: { key: string; defaultValue: unknown }[] = [];
      const i18n = make();
      void i18n.init({ resources, lng: 'nb', fallbackLng: 'en', initAsync: false, saveMissing: true, missingKeyHandler: (_l: unknown, _ns: unknown, key: string, _f: unknown, _u: unknown, o: { defaultValue?: unknown }) => missing.push({ key, defaultValue: o?.defaultValue }) });
      i18n.t('both');
      i18n.t('only');
      i18n.t('nowhere');
      i18n.t('nowhere.either', { defaultValue: 'Standard' });
      return missing;
    };
    const lite = told(() => new I18n() as never);
    expect(lite).toEqual([{ key: 'nowhere', defaultValue: undefined }, { key: 'nowhere.either', defaultValue: 'Standard' }]);
    expect(lite).toEqual(told(() => i18next.createInstance() as never));
  });

  it('falls back to the other language for a missing message, and says when a language or bundle changes', async () => {
    const lite = new I18n();
    await lite.init({ resources: { en: { translation: { only: 'English' } }, nb: { translation: {} } }, lng: 'nb', fallbackLng: 'en' });
    expect(lite.t('only')).toBe('English');
    const seen: unknown[] = [];
    lite.on('languageChanged', (l) => seen.push(l));
    lite.on('added', (l, ns) => seen.push(`${l}/${ns}`));
    await lite.changeLanguage('en');
    lite.addResourceBundle('nb', 'extra', { a: 'A' }, true, false);
    expect(seen).toEqual(['en', 'nb/extra']);
    expect(lite.hasResourceBundle('nb', 'extra')).toBe(true);
  });
});
