import type { SealFailure } from './seal';

/**
 * What can be said of a received bundle, in the words the office console and
 * the command line both use. A failing verdict means nothing of the bundle
 * is taken in; `gapBefore` is taken in and flagged until the missing segment
 * arrives; `duplicate` changes nothing.
 */
export const VERDICTS = ['valid', 'duplicate', 'gapBefore', 'unknownKey', 'revokedKey', 'badSignature', 'altered', 'forked', 'unreadable', 'notBundle', 'foreignRecord', 'invalidRecord', 'sealedElsewhere', 'corruptChunk', 'truncated', 'sealedLocked', 'badAttachment'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const FAILING: ReadonlySet<Verdict> = new Set(['unknownKey', 'revokedKey', 'badSignature', 'altered', 'forked', 'unreadable', 'notBundle', 'foreignRecord', 'invalidRecord', 'sealedElsewhere', 'corruptChunk', 'truncated', 'sealedLocked', 'badAttachment']);

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
    foreignRecord: '含其他单位的记录',
    invalidRecord: '记录内容不合规',
    sealedElsewhere: '加密给了其他密钥',
    corruptChunk: '加密内容损坏',
    truncated: '文件不完整',
    sealedLocked: '未能解密',
    badAttachment: '附件不符合要求',
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
    foreignRecord: "carries another unit's records",
    invalidRecord: 'invalid record',
    sealedElsewhere: 'sealed to another key',
    corruptChunk: 'sealed content damaged',
    truncated: 'file cut short',
    sealedLocked: 'could not be opened',
    badAttachment: 'attachment refused',
  },
};

/** The merged tables as the console and the command line name them in a verdict. */
export const TABLE_WORDS: Record<'zh' | 'en', Record<string, string>> = {
  zh: { units: '单位资料', devices: '入网计算机', checkins: '公文查收签到', calendars: '工作日历', schedules: '作息时间', dutyLogs: '值班日志', faults: '故障报修', scans: '病毒查杀', incidents: '安全事件', inspections: '巡检', trainings: '培训', copyFilings: '复制备案', maintainers: '维护单位', attachments: '附件' },
  en: { units: 'Unit profile', devices: 'Networked computers', checkins: 'Inbox check-ins', calendars: 'Work calendar', schedules: 'Working hours', dutyLogs: 'Duty log', faults: 'Fault tickets', scans: 'Virus scans', incidents: 'Security incidents', inspections: 'Inspections', trainings: 'Training', copyFilings: 'Copy filing', maintainers: 'Maintainers', attachments: 'Attachments' },
};

/** The refused entry of a 'foreignRecord' or 'invalidRecord' verdict. */
export interface RefusedEntry {
  kind: 'invalid' | 'otherUnit';
  table: string;
  seq: number;
  recordId: string;
  field: string;
}

/** Which entry was refused and why, in a sentence: the table, the entry's seq and the field. */
export function refusedEntryText(p: RefusedEntry, lang: 'zh' | 'en'): string {
  const table = TABLE_WORDS[lang][p.table] ?? p.table;
  if (lang === 'zh') {
    if (p.kind === 'otherUnit') return p.field === 'unitId' ? `${table}：第 ${p.seq} 条记录属于其他单位，整个数据包不予接收` : `${table}：第 ${p.seq} 条记录的编号已属于其他单位，整个数据包不予接收`;
    return `${table}：第 ${p.seq} 条记录的“${p.field || '记录'}”不符合要求，整个数据包不予接收`;
  }
  if (p.kind === 'otherUnit') return p.field === 'unitId' ? `${table}: entry ${p.seq} belongs to another unit; the whole bundle is refused` : `${table}: the id of entry ${p.seq} belongs to another unit; the whole bundle is refused`;
  return `${table}: entry ${p.seq} has an invalid "${p.field || 'record'}"; the whole bundle is refused`;
}

/** Why a received file never reached verification: it was sealed and would not open. */
export type UnsealVerdict = Extract<Verdict, 'sealedElsewhere' | 'corruptChunk' | 'truncated' | 'sealedLocked' | 'unreadable'>;

/** A sealed file that would not open, as a verdict: another office's key, damage, a file cut short. */
export function sealVerdict(failure: SealFailure): UnsealVerdict {
  if (failure === 'otherOffice') return 'sealedElsewhere';
  if (failure === 'truncated') return 'truncated';
  if (failure === 'badHeader' || failure === 'tooLarge' || failure === 'notSealed') return 'unreadable';
  return 'corruptChunk';
}
