/**
 * What can be said of a received bundle, in the words the office console and
 * the command line both use. A failing verdict means nothing of the bundle
 * is taken in; `gapBefore` is taken in and flagged until the missing segment
 * arrives; `duplicate` changes nothing.
 */
export const VERDICTS = ['valid', 'duplicate', 'gapBefore', 'unknownKey', 'revokedKey', 'badSignature', 'altered', 'forked', 'unreadable', 'notBundle'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const FAILING: ReadonlySet<Verdict> = new Set(['unknownKey', 'revokedKey', 'badSignature', 'altered', 'forked', 'unreadable', 'notBundle']);

export const VERDICT_WORDS: Record<'zh' | 'en', Record<Verdict, string>> = {
  zh: {
    valid: '有效',
    duplicate: '已导入过（无变化）',
    gapBefore: '前有缺口',
    unknownKey: '未登记的密钥',
    revokedKey: '密钥已吊销',
    badSignature: '签名无效',
    altered: '内容被改动',
    forked: '历史分叉',
    unreadable: '无法读取',
    notBundle: '不是数据包',
  },
  en: {
    valid: 'valid',
    duplicate: 'already imported (nothing changed)',
    gapBefore: 'gap before it',
    unknownKey: 'unknown key',
    revokedKey: 'revoked key',
    badSignature: 'signature invalid',
    altered: 'content altered',
    forked: 'forked history',
    unreadable: 'unreadable',
    notBundle: 'not a bundle',
  },
};
