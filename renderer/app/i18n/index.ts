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

export function useT(): Translate {
  const lang = useLang((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}

/** Validation messages are codes (`ip.format`); unknown ones fall back to the generic text. */
export function errorKey(code: string): MessageKey {
  const key = `err.${code}`;
  return (key in zh ? key : 'err.required') as MessageKey;
}
