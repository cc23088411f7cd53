/**
 * The part of i18next Tavla uses, in a page's worth of code: the phone's first download must stay
 * under 100 kB gzip and i18next itself is 15 of them. The build aliases `i18next` to this module
 * (client/vite.config.ts), so screens keep importing `i18next` and `react-i18next` and keep their
 * types; `i18next.test.ts` checks every message of every catalogue against real i18next.
 *
 * Supported: namespaces (`ns` option or `ns:key`), nested keys, `{{name}}` interpolation (no
 * escaping: React escapes), plurals by `count` (`key_one`, `key_other`, … via Intl.PluralRules),
 * `defaultValue`, objects and arrays returned as they are, a fallback language, the events
 * `languageChanged` and `added`, and `saveMissing` with a `missingKeyHandler` (told of each key
 * found in no language). Not supported (not used): formatting, nesting `$t()`, context,
 * backends, detectors.
 */
type Bundle = Record<string, unknown>;
type Listener = (...args: unknown[]) => void;
export interface InitOptions {
  resources?: Record<string, Record<string, Bundle>>;
  lng?: string;
  fallbackLng?: string | false;
  defaultNS?: string;
  [other: string]: unknown;
}
interface Plugin {
  type: string;
  init?: (i18n: I18n) => void;
}
type TOptions = Record<string, unknown> & { ns?: string; count?: number; defaultValue?: unknown; lng?: string };

const isBundle = (x: unknown): x is Bundle => typeof x === 'object' && x !== null && !Array.isArray(x);

function merge(into: Bundle, from: Bundle, overwrite: boolean): void {
  for (const [k, v] of Object.entries(from)) {
    const have = into[k];
    if (isBundle(have) && isBundle(v)) merge(have, v, overwrite);
    else if (have === undefined || overwrite) into[k] = isBundle(v) ? structuredClone(v) : v;
  }
}

function lookup(bundle: Bundle | undefined, key: string): unknown {
  let at: unknown = bundle;
  for (const part of key.split('.')) {
    if (!isBundle(at)) return undefined;
    at = at[part];
  }
  return at;
}

function interpolate(text: string, values: TOptions): string {
  return text.replace(/\{\{-?\s*([^}]+?)\s*\}\}/g, (whole, name: string) => {
    const v = name.includes('.') ? lookup(values, name) : values[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

/** Objects and arrays come back whole (returnObjects), with their strings interpolated. */
function deepInterpolate(x: unknown, values: TOptions): unknown {
  if (typeof x === 'string') return interpolate(x, values);
  if (Array.isArray(x)) return x.map((v) => deepInterpolate(v, values));
  if (isBundle(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, deepInterpolate(v, values)]));
  return x;
}

export class I18n {
  language = '';
  languages: string[] = [];
  isInitialized = false;
  options: InitOptions = {};
  private store: Record<string, Record<string, Bundle>> = {};
  private listeners = new Map<string, Set<Listener>>();
  private plurals = new Map<string, Intl.PluralRules>();

  get resolvedLanguage(): string {
    return this.language;
  }

  use(plugin: Plugin): this {
    plugin.init?.(this);
    return this;
  }

  init(options: InitOptions = {}, callback?: (err: unknown, t: I18n['t']) => void): Promise<I18n['t']> {
    this.options = { defaultNS: 'translation', fallbackLng: 'en', ...options };
    for (const [lng, namespaces] of Object.entries(options.resources ?? {}))
      for (const [ns, bundle] of Object.entries(namespaces)) this.addResourceBundle(lng, ns, bundle, true, true);
    this.setLanguage(options.lng ?? 'en');
    this.isInitialized = true;
    this.emit('initialized', this.options);
    callback?.(null, this.t);
    return Promise.resolve(this.t);
  }

  private setLanguage(lng: string) {
    this.language = lng;
    const fallback = this.options.fallbackLng;
    this.languages = fallback && fallback !== lng ? [lng, fallback] : [lng];
  }

  changeLanguage(lng?: string, callback?: (err: unknown, t: I18n['t']) => void): Promise<I18n['t']> {
    if (lng && lng !== this.language) {
      this.setLanguage(lng);
      this.emit('languageChanged', lng);
    }
    callback?.(null, this.t);
    return Promise.resolve(this.t);
  }

  addResourceBundle(lng: string, ns: string, bundle: Bundle, deep = false, overwrite = false): this {
    const namespaces = (this.store[lng] ??= {});
    const have = namespaces[ns];
    if (!have) namespaces[ns] = structuredClone(bundle);
    else if (deep) merge(have, bundle, overwrite);
    else namespaces[ns] = { ...have, ...bundle };
    this.emit('added', lng, ns);
    return this;
  }

  hasResourceBundle(lng: string, ns: string): boolean {
    return !!this.store[lng]?.[ns];
  }

  getResourceBundle(lng: string, ns: string): Bundle | undefined {
    return this.store[lng]?.[ns];
  }

  exists(key: string, options: TOptions = {}): boolean {
    return this.resolve(key, options) !== undefined;
  }

  /** Translate `key` (see the module comment for what is supported). */
  t = (key: string | string[], options: TOptions = {}): any => {
    const keys = Array.isArray(key) ? key : [key];
    for (const k of keys) {
      const found = this.resolve(k, options);
      if (found !== undefined) return deepInterpolate(found, options);
    }
    const fallback = options.defaultValue;
    const last = keys.at(-1)!;
    const { saveMissing, missingKeyHandler } = this.options;
    if (saveMissing && typeof missingKeyHandler === 'function') missingKeyHandler(this.languages, options.ns ?? this.options.defaultNS, last, fallback ?? last, false, options);
    if (fallback !== undefined) return typeof fallback === 'string' ? interpolate(fallback, options) : fallback;
    return last;
  };

  getFixedT(lng: string | null, ns?: string | null): I18n['t'] {
    return (key, options = {}) => this.t(key, { ...(lng ? { lng } : {}), ...(ns ? { ns } : {}), ...options });
  }

  private resolve(key: string, options: TOptions): unknown {
    let ns = options.ns ?? this.options.defaultNS ?? 'translation';
    let path = key;
    const colon = key.indexOf(':');
    if (colon > 0 && /^[\w-]+$/.test(key.slice(0, colon))) {
      ns = key.slice(0, colon);
      path = key.slice(colon + 1);
    }
    const languages = options.lng ? [options.lng, ...this.languages.filter((l) => l !== options.lng)] : this.languages;
    for (const lng of languages) {
      const bundle = this.store[lng]?.[ns];
      if (!bundle) continue;
      if (typeof options.count === 'number') {
        const form = this.pluralRules(lng).select(options.count);
        const plural = lookup(bundle, `${path}_${form}`) ?? lookup(bundle, `${path}_other`);
        if (plural !== undefined) return plural;
      }
      const found = lookup(bundle, path);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private pluralRules(lng: string): Intl.PluralRules {
    let rules = this.plurals.get(lng);
    if (!rules) this.plurals.set(lng, (rules = new Intl.PluralRules(lng)));
    return rules;
  }

  on(event: string, listener: Listener): this {
    (this.listeners.get(event) ?? this.listeners.set(event, new Set()).get(event)!).add(listener);
    return this;
  }

  off(event: string, listener?: Listener): this {
    if (listener) this.listeners.get(event)?.delete(listener);
    else this.listeners.delete(event);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(...args);
  }

  createInstance(options?: InitOptions): I18n {
    const other = new I18n();
    if (options) void other.init(options);
    return other;
  }
}

const i18next = new I18n();
export default i18next;
export const t = i18next.t;
export const changeLanguage = i18next.changeLanguage.bind(i18next);
export const use = i18next.use.bind(i18next);
export const init = i18next.init.bind(i18next);
export const createInstance = i18next.createInstance.bind(i18next);
