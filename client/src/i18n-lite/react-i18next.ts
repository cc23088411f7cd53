/**
 * The part of react-i18next Tavla uses, over `./i18next.ts` (the build aliases both; see there):
 * the plugin that hands the instance over, and `useTranslation`, which re-renders its component
 * when the language changes or a namespace's messages arrive.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { I18n } from './i18next.js';

let instance: I18n | null = null;
/** Counts changes, so that `t` is a new function (and memoised screens re-render) after each. */
let version = 0;
const listeners = new Set<() => void>();
const changed = () => {
  version++;
  for (const l of [...listeners]) l();
};

export const initReactI18next = {
  type: '3rdParty' as const,
  init(i18n: I18n) {
    instance = i18n;
    i18n.on('languageChanged', changed);
    i18n.on('added', changed);
  },
};

export function getI18n(): I18n | null {
  return instance;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};
const snapshot = () => version;

/** `{ t, i18n, ready }` (also as `[t, i18n, ready]`); `t` defaults to namespace `ns`. */
export function useTranslation(ns?: string | string[]) {
  const at = useSyncExternalStore(subscribe, snapshot, snapshot);
  const i18n = instance!;
  const first = Array.isArray(ns) ? ns[0] : ns;
  return useMemo(() => {
    const t = ((key: string | string[], options: Record<string, unknown> = {}) => i18n.t(key, first && options.ns === undefined ? { ...options, ns: first } : options)) as I18n['t'];
    const result = [t, i18n, true] as unknown as { t: I18n['t']; i18n: I18n; ready: boolean } & [I18n['t'], I18n, boolean];
    result.t = t;
    result.i18n = i18n;
    result.ready = true;
    return result;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n, first, at]);
}
