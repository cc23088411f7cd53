import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { loadCatalogue, MISSING_STRING, type CataloguePart, type UiLanguage, UI_LANGUAGES } from '@tavla/shared';

const PREFERENCE = 'tavla:language';

/** The browser's language, mapped to one we have: Norwegian of any kind → nb, else en. */
function fromBrowser(): UiLanguage {
  const lang = (navigator.language || 'nb').toLowerCase();
  return /^(nb|no|nn)/.test(lang) ? 'nb' : 'en';
}

function stored(): UiLanguage | null {
  try {
    const v = localStorage.getItem(PREFERENCE);
    return v && (UI_LANGUAGES as string[]).includes(v) ? (v as UiLanguage) : null;
  } catch {
    return null;
  }
}

/** Parts of the catalogues this page needs: the core, and the facilitator's once one of their screens loads. */
const parts = new Set<CataloguePart>(['core']);
const loaded = new Map<string, Promise<void>>();

/**
 * Make sure a language's catalogue is there before it is shown, the parts this page needs
 * (Norwegian's core comes with the page: at once, no promise to wait for).
 */
function load(lng: UiLanguage): Promise<void> {
  const pending = [...parts].map((part) => {
    const key = `${lng}:${part}`;
    if (!loaded.has(key)) {
      const add = (messages: object) => void i18next.addResourceBundle(lng, 'translation', messages, true, false);
      const catalogue = loadCatalogue(lng, part);
      const done = catalogue instanceof Promise ? catalogue.then(add) : Promise.resolve(add(catalogue));
      loaded.set(key, done);
      done.catch(() => loaded.delete(key)); // the network failed: the next call tries again
    }
    return loaded.get(key)!;
  });
  return Promise.all(pending).then(() => {});
}

/**
 * A facilitator's screen, loaded with its strings (not in a phone's first download): for
 * `React.lazy`. The strings come for the language shown, and for any the person switches to.
 */
export function withFacilitatorStrings<T>(screen: () => Promise<T>): () => Promise<T> {
  return () => {
    parts.add('facilitator');
    return Promise.all([screen(), load(i18next.language as UiLanguage)]).then(([module]) => module);
  };
}

const initial = stored() ?? fromBrowser();
void i18next.use(initReactI18next).init({
  resources: {},
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
  returnObjects: true,
  initAsync: false,
  // A string that is in no loaded catalogue shows as its key: say so where a developer (and the
  // browser tests, on every screen they check) will see it. The usual cause is a facilitator
  // screen loaded without `withFacilitatorStrings`.
  saveMissing: true,
  missingKeyHandler: (_lngs, _ns, key, _fallback, _update, options: { defaultValue?: unknown } | undefined) => {
    if (options?.defaultValue === undefined) console.error(`${MISSING_STRING} ${key}`);
  },
});

const setHtmlLang = (lng: string) => {
  document.documentElement.lang = lng;
};
setHtmlLang(i18next.language);
i18next.on('languageChanged', setHtmlLang);

/** Resolves when the first screen's language is loaded (at once for Norwegian): render after it. */
export const i18nReady: Promise<void> = load(initial);

/** The person chose a language: use it, and remember it on this device. */
export function chooseLanguage(lng: UiLanguage): void {
  try {
    localStorage.setItem(PREFERENCE, lng);
  } catch {
    // private mode: the choice lasts for this page
  }
  void load(lng).then(() => i18next.changeLanguage(lng));
}

/** Follow the seminar's language, unless the person chose one themselves. */
export function followSeminarLanguage(lng: string): void {
  if (!stored() && (UI_LANGUAGES as string[]).includes(lng) && i18next.language !== lng) void load(lng as UiLanguage).then(() => i18next.changeLanguage(lng));
}

export default i18next;
