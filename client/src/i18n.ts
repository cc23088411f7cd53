import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { loadCatalogue, type UiLanguage, UI_LANGUAGES } from '@tavla/shared';

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

/** Make sure a language's catalogue is there before it is shown (only Norwegian comes with the page: at once). */
function load(lng: UiLanguage): Promise<void> {
  if (i18next.hasResourceBundle(lng, 'translation')) return Promise.resolve();
  const add = (messages: object) => void i18next.addResourceBundle(lng, 'translation', messages, true, false);
  const catalogue = loadCatalogue(lng);
  if (!(catalogue instanceof Promise)) return Promise.resolve(add(catalogue));
  return catalogue.then(add);
}

const initial = stored() ?? fromBrowser();
void i18next.use(initReactI18next).init({
  resources: {},
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
  returnObjects: true,
  initAsync: false,
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
