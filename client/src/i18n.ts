import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues, type UiLanguage, UI_LANGUAGES } from '@tavla/shared';

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

void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(catalogues).map(([lng, messages]) => [lng, { translation: messages }])),
  lng: stored() ?? fromBrowser(),
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

/** The person chose a language: use it, and remember it on this device. */
export function chooseLanguage(lng: UiLanguage): void {
  try {
    localStorage.setItem(PREFERENCE, lng);
  } catch {
    // private mode: the choice lasts for this page
  }
  void i18next.changeLanguage(lng);
}

/** Follow the seminar's language, unless the person chose one themselves. */
export function followSeminarLanguage(lng: string): void {
  if (!stored() && (UI_LANGUAGES as string[]).includes(lng) && i18next.language !== lng) void i18next.changeLanguage(lng);
}

export default i18next;
