import { VERDICT_WORDS, type Verdict } from '../shared/bundle/verdicts';

/**
 * Everything the command line says, in Chinese first like the console, and
 * in English with `--lang en`. The verdict words are the console's own
 * (shared/bundle/verdicts), so a file gets the same name in both.
 */
export type Lang = 'zh' | 'en';

/** A span of entries as the console writes it: one entry is "第 33 条", never "第 33–33 条". */
export function entrySpan(lang: Lang, from: number, to: number): string {
  if (lang === 'en') return from === to ? `entry ${from}` : `entries ${from}–${to}`;
  return from === to ? `第 ${from} 条` : `第 ${from}–${to} 条`;
}

/** The signature suites by the names the console gives them, not their identifiers. */
const SUITE_WORDS: Record<Lang, Record<string, string>> = {
  zh: { 'sm2-sm3': 'SM2 国密签名', 'ed25519-sha256': 'Ed25519 签名' },
  en: { 'sm2-sm3': 'SM2 signature (Chinese national standard)', 'ed25519-sha256': 'Ed25519 signature' },
};

export interface Messages {
  usage: string;
  error: (message: string) => string;
  needsValue: (flag: string) => string;
  unknownOption: (option: string) => string;
  unknownCommand: (command: string) => string;
  badLang: string;
  integer: (flag: string, min: number, max: number) => string;
  keysUnreadable: (dir: string) => string;
  keySkipped: (file: string, detail: string) => string;
  verifyNeedsKeys: string;
  verifyNeedsFiles: string;
  inspectNeedsFile: string;
  fixtureNeedsOut: string;
  suiteChoice: (suites: readonly string[]) => string;
  verdicts: Record<Verdict, string>;
  tooLarge: (bytes: number) => string;
  cannotOpen: string;
  range: (unit: string, from: number, to: number) => string;
  /** What a verdict means, in the words the console's import page uses. */
  help: Record<Exclude<Verdict, 'gapBefore' | 'forked' | 'duplicate'>, string>;
  gap: (from: number, to: number) => string;
  forked: (seq: number, others: string[]) => string;
  duplicateOf: (file: string) => string;
  duplicate: string;
  summary: (files: number, passed: number, failed: number) => string;
  notJson: (detail: string) => string;
  notFormat: string;
  inspectNote: string;
  fingerprint: (code: string, name: string, fp: string) => string;
  fixtureDone: (units: number, keys: string, files: number, bundles: string, entries: number, suite: string) => string;
  /** Sealed bundles and the office's key file. */
  officePassword: string;
  needsOfficePassword: string;
  officeKeyUnreadable: (file: string) => string;
  officeKeyBad: (file: string, wrongPassword: boolean) => string;
  sealedHeader: string;
  fixtureSealed: (file: string, fp: string) => string;
}

const zh: Messages = {
  usage: `用法：
  zwledger verify --keys DIR [--office-key FILE] [--json] [--threads N] FILE...
                                                  验证一组数据包（DIR 为存放已登记单位登记文件的文件夹；
                                                  加密的数据包用 FILE 中信息办的密钥打开）
  zwledger inspect [--office-key FILE] FILE       显示数据包的清单（manifest）
  zwledger fixture --units N --entries M --out DIR [--suite sm2-sm3|ed25519-sha256] [--per-bundle K] [--seal]
                                                  生成签名的模拟数据包和对应的登记文件；--seal 时加密，
                                                  并写出信息办的密钥文件 office-key.json
  zwledger db migrate --db URL                    创建或升级 PostgreSQL 汇总数据库的结构
  zwledger enrol --db URL [--yes] FILE...         显示登记文件的密钥指纹，核对后登记到数据库
  zwledger revoke --db URL KEYID --reason 原因    吊销已登记的密钥
  zwledger ingest --keys-from-db --db URL [--office-key FILE] [--json] [--threads N] FILE...
                                                  验证数据包并导入数据库（每个数据包一个事务；
                                                  加密的数据包用 --office-key 打开，口令取自 ZW_OFFICE_PASSWORD 或提示输入）
  zwledger units --db URL [--json | --xlsx FILE] [--silent-days N]
                                                  各单位汇总
  数据库地址中不写密码：用环境变量 PGPASSWORD 或密码文件 ~/.pgpass。
  密钥文件的密码取自环境变量 ZW_OFFICE_PASSWORD，未设置时询问。
  --threads N：验证用的线程数，默认每个处理器核心一个。
  任何命令后加 --lang en 以英文输出。`,
  error: (m) => `错误：${m}`,
  needsValue: (f) => `--${f} 需要一个值`,
  unknownOption: (o) => `未知选项 ${o}`,
  unknownCommand: (c) => `未知命令 ${c}`,
  badLang: '--lang 应为 zh 或 en',
  integer: (f, min, max) => `--${f} 应为 ${min} 到 ${max} 之间的整数`,
  keysUnreadable: (d) => `无法读取密钥文件夹 ${d}`,
  keySkipped: (f, d) => `跳过 ${f}：不是有效的登记文件（${d}）`,
  verifyNeedsKeys: 'verify 需要 --keys DIR',
  verifyNeedsFiles: 'verify 需要至少一个数据包文件',
  inspectNeedsFile: 'inspect 需要一个数据包文件',
  fixtureNeedsOut: 'fixture 需要 --out DIR',
  suiteChoice: (s) => `--suite 应为 ${s.join(' 或 ')}`,
  verdicts: VERDICT_WORDS.zh,
  tooLarge: (n) => `文件过大（${n} 字节）`,
  cannotOpen: '无法打开文件',
  range: (u, a, b) => `${u} ${entrySpan('zh', a, b)}`,
  help: {
    valid: '签名与记录链完整',
    unknownKey: '签名密钥尚未登记：请把该单位的登记文件放进密钥文件夹并核对指纹',
    revokedKey: '签名密钥已被吊销，数据包不予接收',
    badSignature: '签名与清单不符：文件被改动，或不是用登记的密钥签名',
    altered: '签名有效但内容与清单不符（记录被增删改或顺序被调换），不予接收',
    unreadable: '文件损坏、过大或无法解压',
    notBundle: '这不是专网台账数据包（.zwb）',
    foreignRecord: '数据包含有其他单位的记录，不予接收',
    invalidRecord: '数据包中有不符合台账规则的记录，不予接收',
    sealedElsewhere: '数据包加密给了其他信息办的密钥（或本信息办未导出的旧密钥），无法打开：请核对 --office-key 文件',
    corruptChunk: '加密内容在传递中被改动或损坏，不予接收：请该单位重新导出',
    truncated: '文件不完整（被截断），不予接收：请该单位重新拷贝',
    sealedLocked: '数据包已加密：请用 --office-key 指定信息办的密钥文件',
    badAttachment: '随数据包报送的附件文件与签名记录不符、类型不对、超过上限或多出无主文件，不予接收',
  },
  gap: (a, b) => `缺少${entrySpan('zh', a, b)}；收到缺失的数据包后即可补齐`,
  forked: (seq, others) => `第 ${seq} 条起与 ${others.join('、')} 不同：该单位的历史出现分叉，请与该单位核实`,
  duplicateOf: (f) => `与 ${f} 内容相同`,
  duplicate: '这段记录已包含在其他文件中',
  summary: (n, ok, bad) => `共 ${n} 个文件，${ok} 个通过，${bad} 个未通过`,
  notJson: (d) => `manifest.json 不是 JSON（${d}）`,
  notFormat: '注意：清单格式不符合 zwledger-bundle/1',
  inspectNote: '（仅显示清单，未验证签名；验证请用 zwledger verify --keys DIR）',
  fingerprint: (c, n, fp) => `${c} ${n}：密钥指纹 ${fp}`,
  fixtureDone: (u, k, f, b, e, s) => `已写出 ${u} 个单位的登记文件（${k}）和 ${f} 个数据包（${b}），每单位 ${e} 条，${SUITE_WORDS.zh[s] ?? s}`,
  officePassword: '信息办密钥文件的密码：',
  needsOfficePassword: '需要信息办密钥文件的密码：请设置环境变量 ZW_OFFICE_PASSWORD',
  officeKeyUnreadable: (f) => `无法读取信息办密钥文件 ${f}`,
  officeKeyBad: (f, wrong) => (wrong ? `密码不对，无法打开信息办密钥文件 ${f}` : `${f} 不是信息办密钥文件`),
  sealedHeader: '（数据包已加密，以上仅为封装外可见的信息；查看清单请用 --office-key FILE）',
  fixtureSealed: (f, fp) => `数据包已加密；信息办密钥文件：${f}（加密密钥指纹 ${fp}）`,
};

const en: Messages = {
  usage: `usage:
  zwledger verify --keys DIR [--office-key FILE] [--json] [--threads N] FILE...
                                                  verify a set of bundles (DIR holds the enrolment files of enrolled units;
                                                  sealed bundles are opened with the office's keys in FILE)
  zwledger inspect [--office-key FILE] FILE       show a bundle's manifest
  zwledger fixture --units N --entries M --out DIR [--suite sm2-sm3|ed25519-sha256] [--per-bundle K] [--seal]
                                                  write signed synthetic bundles and their enrolment files; with --seal,
                                                  sealed, and the office's key file office-key.json beside them
  zwledger db migrate --db URL                    create or upgrade the PostgreSQL store's schema
  zwledger enrol --db URL [--yes] FILE...         show each enrolment file's fingerprint, enrol after comparing
  zwledger revoke --db URL KEYID --reason WHY     revoke an enrolled key
  zwledger ingest --keys-from-db --db URL [--office-key FILE] [--json] [--threads N] FILE...
                                                  verify bundles and take them in (one transaction each;
                                                  sealed ones opened with --office-key, its password from
                                                  ZW_OFFICE_PASSWORD or a prompt)
  zwledger units --db URL [--json | --xlsx FILE] [--silent-days N]
                                                  the units view
  The URL carries no password: use PGPASSWORD or ~/.pgpass.
  The key file's password comes from ZW_OFFICE_PASSWORD, or is asked for.
  --threads N: threads that verify, one per processor core by default.
  Add --lang en to any command for English, --lang zh for Chinese (the default).`,
  error: (m) => `error: ${m}`,
  needsValue: (f) => `--${f} needs a value`,
  unknownOption: (o) => `unknown option ${o}`,
  unknownCommand: (c) => `unknown command ${c}`,
  badLang: '--lang is zh or en',
  integer: (f, min, max) => `--${f} must be a whole number from ${min} to ${max}`,
  keysUnreadable: (d) => `cannot read the key folder ${d}`,
  keySkipped: (f, d) => `skipped ${f}: not a valid enrolment file (${d})`,
  verifyNeedsKeys: 'verify needs --keys DIR',
  verifyNeedsFiles: 'verify needs at least one bundle file',
  inspectNeedsFile: 'inspect needs one bundle file',
  fixtureNeedsOut: 'fixture needs --out DIR',
  suiteChoice: (s) => `--suite is ${s.join(' or ')}`,
  verdicts: VERDICT_WORDS.en,
  tooLarge: (n) => `file too large (${n} bytes)`,
  cannotOpen: 'cannot open the file',
  range: (u, a, b) => `${u} ${entrySpan('en', a, b)}`,
  help: {
    valid: 'signature and chain intact',
    unknownKey: "the signing key is not enrolled: put the unit's enrolment file in the key folder and compare the fingerprint",
    revokedKey: 'the signing key was revoked; the bundle is refused',
    badSignature: 'the signature does not match the manifest: the file was changed, or not signed by an enrolled key',
    altered: 'signed, but the content does not match the manifest (entries added, removed, edited or reordered); refused',
    unreadable: 'the file is damaged, too large or cannot be unpacked',
    notBundle: 'this is not a ZW Ledger bundle (.zwb)',
    foreignRecord: "the bundle carries another unit's records; refused",
    invalidRecord: "a record in the bundle breaks its ledger's rules; refused",
    sealedElsewhere: "sealed to another office's key (or an old key not in the key file); check the --office-key file",
    corruptChunk: 'the sealed content was changed or damaged on the way; refused: ask the unit to export again',
    truncated: 'the file is cut short; refused: ask the unit to copy it again',
    sealedLocked: "the bundle is sealed: give the office's key file with --office-key",
    badAttachment: 'an attachment file sent with the bundle does not match its signed record, is of the wrong type, is over the cap or belongs to no record; refused',
  },
  gap: (a, b) => `${entrySpan('en', a, b)} ${a === b ? 'is' : 'are'} missing; filled when the missing bundle arrives`,
  forked: (seq, others) => `from entry ${seq} on it differs from ${others.join(', ')}: the unit's history forked; check with the unit`,
  duplicateOf: (f) => `same content as ${f}`,
  duplicate: 'these entries are all in other files',
  summary: (n, ok, bad) => `${n} file${n === 1 ? '' : 's'}, ${ok} passed, ${bad} failed`,
  notJson: (d) => `manifest.json is not JSON (${d})`,
  notFormat: 'note: the manifest does not follow zwledger-bundle/1',
  inspectNote: '(manifest shown only, signature not verified; to verify use zwledger verify --keys DIR)',
  fingerprint: (c, n, fp) => `${c} ${n}: key fingerprint ${fp}`,
  fixtureDone: (u, k, f, b, e, s) => `wrote the enrolment files of ${u} units (${k}) and ${f} bundles (${b}), ${e} entries per unit, ${SUITE_WORDS.en[s] ?? s}`,
  officePassword: "password of the office's key file: ",
  needsOfficePassword: "the office's key file needs its password: set ZW_OFFICE_PASSWORD",
  officeKeyUnreadable: (f) => `cannot read the office key file ${f}`,
  officeKeyBad: (f, wrong) => (wrong ? `wrong password for the office key file ${f}` : `${f} is not an office key file`),
  sealedHeader: "(the bundle is sealed: the above is all that shows outside the seal; give --office-key FILE to see the manifest)",
  fixtureSealed: (f, fp) => `bundles sealed; the office's key file: ${f} (encryption key fingerprint ${fp})`,
};

export const MESSAGES: Record<Lang, Messages> = { zh, en };

/** The language asked for anywhere on the command line, and the arguments without it. */
export function takeLang(args: readonly string[]): { lang: Lang; args: string[]; bad: boolean } {
  const rest: string[] = [];
  let lang: Lang = 'zh';
  let bad = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--lang' || a.startsWith('--lang=')) {
      const value = a === '--lang' ? args[++i] : a.slice('--lang='.length);
      if (value === 'zh' || value === 'en') lang = value;
      else bad = true;
    } else rest.push(a);
  }
  return { lang, args: rest, bad };
}
