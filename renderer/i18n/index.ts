import { useCallback } from 'react';
import { create } from 'zustand';
import { zh, type MessageKey } from './zh';
import { en } from './en';

export type Lang = 'zh' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'zw.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export const useLang = create<LangState>((set) => ({
  lang: initialLang(),
  setLang: (lang) => {
    localStorage.setItem(STORAGE_KEY, lang);
    set({ lang });
  },
}));

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Documents the office receives or publishes are in Chinese, whatever language the screen is in. */
export const chinese: Translate = (key, vars) => translate('zh', key, vars);

/** A translate function that changes only when the language does, so memoised views stay memoised. */
export function useT(): Translate {
  const lang = useLang((s) => s.lang);
  return useCallback<Translate>((key, vars) => translate(lang, key, vars), [lang]);
}

/** Validation messages are codes (`ip.format`) that name `err.<code>`. */
export function errorKey(code: string): MessageKey {
  return `err.${code}` as MessageKey;
}
