// Translations: every user-visible string lives in src/i18n/<language>/<prefix>.json as
// flat keys, one file per key prefix ("admin.title" in src/i18n/pt-BR/admin.json); the
// files of a language are joined at build time (join.mjs). `t("some.key", {n: 3})` fills
// `{n}`; with a numeric `count` it picks `key_one` / `key_other` by the locale's plural
// rules. pt-BR is the default and the fallback.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../api/types';
import { joinCatalog } from './join.mjs';

export type Messages = Record<string, string>;
export type Params = Record<string, string | number>;
export type TFunction = (key: string, params?: Params) => string;

export const LOCALES: readonly Locale[] = ['pt-BR', 'es', 'en'];
export const DEFAULT_LOCALE: Locale = 'pt-BR';

// Vite bundles every file of each language (its patterns and options must be literals);
// a new prefix's file is picked up without a line here.
export const CATALOGS: Record<Locale, Messages> = {
  'pt-BR': joinCatalog(import.meta.glob<Messages>('../../i18n/pt-BR/*.json', { eager: true, import: 'default' })),
  es: joinCatalog(import.meta.glob<Messages>('../../i18n/es/*.json', { eager: true, import: 'default' })),
  en: joinCatalog(import.meta.glob<Messages>('../../i18n/en/*.json', { eager: true, import: 'default' })),
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The browser's preferred languages in order, the first supported one wins ("es-MX" ->
 * es, "en-GB" -> en); pt-BR when none is.
 */
export function browserLocale(tags: readonly string[] | undefined = globalThis.navigator?.languages): Locale {
  for (const tag of tags ?? []) {
    const lang = tag.toLowerCase().split('-')[0];
    if (lang === 'pt' || lang === 'es' || lang === 'en') return pickLocale(tag);
  }
  return DEFAULT_LOCALE;
}

/** The supported locale closest to a browser language tag ("es-MX" -> "es"). */
export function pickLocale(tag: string | null | undefined): Locale {
  if (!tag) return DEFAULT_LOCALE;
  if (isLocale(tag)) return tag;
  const lang = tag.toLowerCase().split('-')[0];
  if (lang === 'es') return 'es';
  if (lang === 'en') return 'en';
  return DEFAULT_LOCALE;
}

export function translate(locale: Locale, key: string, params?: Params): string {
  const messages = CATALOGS[locale];
  const fallback = CATALOGS[DEFAULT_LOCALE];
  let chosen = key;
  if (params && typeof params.count === 'number') {
    const form = new Intl.PluralRules(locale).select(params.count);
    const plural = `${key}_${form}`;
    // An explicit zero form reads better than "0 retorno" (pt counts 0 as singular).
    if (params.count === 0 && `${key}_zero` in messages) chosen = `${key}_zero`;
    else if (plural in messages || plural in fallback) chosen = plural;
    else if (`${key}_other` in messages) chosen = `${key}_other`;
  }
  const template = messages[chosen] ?? fallback[chosen] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue>({
  locale: DEFAULT_LOCALE,
  setLocale: () => {},
  t: (key, params) => translate(DEFAULT_LOCALE, key, params),
});

const STORAGE_KEY = 'retorno.locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage may be disabled: the browser's language will do.
  }
  // Until the user picks a language (or signs in with one), the browser's.
  return browserLocale();
}

export function I18nProvider({ children, locale: forced }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(forced ?? initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Not remembered across visits; the server's user locale still applies after login.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18nValue>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
