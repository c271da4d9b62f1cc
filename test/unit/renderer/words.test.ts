import { describe, expect, it } from 'vitest';
import { zh } from '../../../renderer/i18n/zh';
import { translate, type MessageKey } from '../../../renderer/i18n';
import { entryRange, revisionText } from '../../../renderer/ui/format';
import { verdictHelp } from '../../../renderer/features/console/VerdictTag';
import { MESSAGES, entrySpan } from '../../../cli/messages';

// Issue 10 §5: the words a user reads. No developer's abbreviations, no
// storage units, no suite identifiers, no range of one entry written as two.
const FORBIDDEN: Array<[string, RegExp]> = [
  ['"rev"', /\brev\b/i],
  ['（批）', /[（(]批[）)]/],
  ['a suite identifier', /sm2-sm3|ed25519-sha256/i],
  ['"更新记录 N 条"', /记录\s*\{\w+\}\s*条/],
  ['a bare "#seq"', /#\{\w+\}/],
];
/** A template of a span, which reads "第 33–33 条" when both ends are one entry: only entryRange may hold one. */
const SPAN_TEMPLATE = /\{\w+\}\s*[–-]\s*\{\w+\}\s*条/;

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh', key, vars);
const zhT = t as Parameters<typeof entryRange>[0];

function offences(text: string): string[] {
  return FORBIDDEN.filter(([, re]) => re.test(text)).map(([name]) => name);
}

describe('words a user uses (zh)', () => {
  it('no Chinese message holds a forbidden form', () => {
    const found = Object.entries(zh).flatMap(([key, text]) => offences(text).map((o) => `${key}: ${o} in "${text}"`));
    expect(found).toEqual([]);
  });

  it('only the one span formatter holds a from–to template', () => {
    const spans = Object.entries(zh).filter(([, text]) => SPAN_TEMPLATE.test(text)).map(([key]) => key);
    expect(spans).toEqual(['entries.range']);
  });

  it('a span of one entry is "第 33 条", in the app and on the command line', () => {
    expect(entryRange(zhT, 33, 33)).toBe('第 33 条');
    expect(entryRange(zhT, 31, 33)).toBe('第 31–33 条');
    expect(verdictHelp(zhT, { verdict: 'gapBefore', missing: { from: 7, to: 7 } })).toBe('已导入，但缺少第 7 条；收到缺失的数据包后自动补齐');
    expect(t('export.summary', { range: entryRange(zhT, 33, 33), n: 1, first: 'a', last: 'b' })).toBe('将导出第 33 条修改记录，共 1 条，时间 a 至 b');
    expect(MESSAGES.zh.range('崆峒区第1单位', 33, 33)).toBe('崆峒区第1单位 第 33 条');
    expect(MESSAGES.zh.gap(5, 5)).toBe('缺少第 5 条；收到缺失的数据包后即可补齐');
    expect(MESSAGES.en.gap(5, 5)).toBe('entry 5 is missing; filled when the missing bundle arrives');
    expect(entrySpan('en', 1, 20)).toBe('entries 1–20');
  });

  it('a revision is the how-many-th change, the creation none', () => {
    expect(revisionText(zhT, 1)).toBeUndefined();
    expect(revisionText(zhT, 4)).toBe('第 3 次修改');
    expect(offences(`${t('history.entry', { seq: 12 })} · ${revisionText(zhT, 4)!}`)).toEqual([]);
  });

  it('a signature suite is named, never its identifier, in the app and on the command line', () => {
    expect(t('key.suite.sm2-sm3')).toBe('SM2 国密签名');
    expect(t('export.hash', { hash: t('key.hash.sm2-sm3') })).toBe('文件校验值（SM3）');
    expect(offences(MESSAGES.zh.fixtureDone(1, 'k', 1, 'b', 30, 'sm2-sm3'))).toEqual([]);
    expect(MESSAGES.zh.fixtureDone(1, 'k', 1, 'b', 30, 'sm2-sm3')).toContain('SM2 国密签名');
  });
});
