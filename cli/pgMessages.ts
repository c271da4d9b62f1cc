import type { EnrolmentStanding } from '../main/services/pgStore/keys';
import type { UrlProblem } from '../main/services/pgStore/connection';
import type { Lang } from './messages';

/** What the PostgreSQL commands say, Chinese first, English with `--lang en`. */
export interface PgMessages {
  needsDb: (command: string) => string;
  url: Record<UrlProblem, string>;
  unreachable: (detail: string) => string;
  schemaBehind: (found: number, needed: number) => string;
  migrated: (from: number, to: number, applied: string[]) => string;
  migrateNothing: (version: number) => string;
  dbNeedsMigrate: string;
  enrolNeedsFiles: string;
  enrolSkipped: (file: string, detail: string) => string;
  standing: Record<EnrolmentStanding, string>;
  enrolLine: (file: string, code: string, name: string, fp: string, standing: string) => string;
  enrolAsk: (n: number) => string;
  enrolNotAsked: string;
  enrolCancelled: string;
  enrolled: (n: number) => string;
  revokeNeeds: string;
  revoke: Record<'revoked' | 'unknown' | 'alreadyRevoked' | 'reason', (keyId: string) => string>;
  ingestNeedsKeysFromDb: string;
  ingestNeedsFiles: string;
  forkedDb: (seq: number) => string;
  completed: (files: string[]) => string;
  unitsXlsxOrJson: string;
  unitsWritten: (n: number, file: string) => string;
  unitsHeader: string[];
  unitsSheet: string;
  silent: string;
  noCheckins: string;
  noGaps: string;
  never: string;
}

const zh: PgMessages = {
  needsDb: (c) => `${c} 需要 --db URL（如 postgres://zwledger@127.0.0.1:5432/zwledger）`,
  url: {
    unparsable: '--db 不是有效的数据库地址',
    notPostgres: '--db 应以 postgres:// 或 postgresql:// 开头',
    password: '数据库地址中不能带密码（ps 和命令历史会看到它）：请去掉密码，改用环境变量 PGPASSWORD 或密码文件 ~/.pgpass',
  },
  unreachable: (d) => `无法连接数据库：${d}`,
  schemaBehind: (f, n) => `数据库结构版本为 ${f}，本程序需要 ${n}：请先运行 zwledger db migrate --db URL`,
  migrated: (f, t, a) => `数据库结构已从版本 ${f} 升级到 ${t}（${a.join('、')}）`,
  migrateNothing: (v) => `数据库结构已是最新（版本 ${v}），无需升级`,
  dbNeedsMigrate: 'db 之后应为 migrate',
  enrolNeedsFiles: 'enrol 需要至少一个登记文件',
  enrolSkipped: (f, d) => `跳过 ${f}：不是有效的登记文件（${d}）`,
  standing: { new: '新密钥', rotation: '轮换（由已登记密钥签名）', already: '已登记过', revoked: '已吊销，不能再次登记' },
  enrolLine: (f, c, n, fp, s) => `${f}：${c} ${n} · 密钥指纹 ${fp} · ${s}`,
  enrolAsk: (n) => `请与各单位电话核对以上指纹。确认登记这 ${n} 个密钥？输入 yes 确认：`,
  enrolNotAsked: '没有可交互的终端：核对指纹后请加 --yes 登记',
  enrolCancelled: '未登记任何密钥',
  enrolled: (n) => `已登记 ${n} 个密钥`,
  revokeNeeds: 'revoke 需要一个密钥编号和 --reason "原因"',
  revoke: {
    revoked: (k) => `已吊销密钥 ${k}；此后用它签名的数据包不予接收`,
    unknown: (k) => `没有登记过密钥 ${k}`,
    alreadyRevoked: (k) => `密钥 ${k} 早已吊销`,
    reason: () => '请写明吊销原因（至少 2 个字）',
  },
  ingestNeedsKeysFromDb: 'ingest 以数据库中登记的密钥验证：请加 --keys-from-db',
  ingestNeedsFiles: 'ingest 需要至少一个数据包文件',
  forkedDb: (s) => `第 ${s} 条起与已收到的数据包不同：该单位的历史出现分叉，请与该单位核实`,
  completed: (f) => `补齐了 ${f.join('、')} 之前的缺口`,
  unitsXlsxOrJson: '--json 与 --xlsx 只能选一个',
  unitsWritten: (n, f) => `已导出 ${n} 个单位到 ${f}`,
  unitsHeader: ['单位', '单位代码', '最近收到', '未报送', '最后记录', '缺口', '在用设备', '违规设备', '公文查收按时率'],
  unitsSheet: '各单位汇总',
  silent: '未报送',
  noCheckins: '未收到签到',
  noGaps: '完整',
  never: '—',
};

const en: PgMessages = {
  needsDb: (c) => `${c} needs --db URL (such as postgres://zwledger@127.0.0.1:5432/zwledger)`,
  url: {
    unparsable: '--db is not a database URL',
    notPostgres: '--db starts with postgres:// or postgresql://',
    password: 'the database URL must not carry a password (ps and shell history show it): leave it out and use PGPASSWORD or ~/.pgpass',
  },
  unreachable: (d) => `cannot reach the database: ${d}`,
  schemaBehind: (f, n) => `the database schema is version ${f}, this program needs ${n}: run zwledger db migrate --db URL first`,
  migrated: (f, t, a) => `schema upgraded from version ${f} to ${t} (${a.join(', ')})`,
  migrateNothing: (v) => `schema already current (version ${v})`,
  dbNeedsMigrate: 'db takes migrate',
  enrolNeedsFiles: 'enrol needs at least one enrolment file',
  enrolSkipped: (f, d) => `skipped ${f}: not a valid enrolment file (${d})`,
  standing: { new: 'new key', rotation: 'rotation (signed by the enrolled key)', already: 'already enrolled', revoked: 'revoked; cannot be enrolled again' },
  enrolLine: (f, c, n, fp, s) => `${f}: ${c} ${n} · key fingerprint ${fp} · ${s}`,
  enrolAsk: (n) => `Compare the fingerprints above with each unit by phone. Enrol these ${n} keys? Type yes to confirm: `,
  enrolNotAsked: 'no terminal to ask on: compare the fingerprints, then add --yes',
  enrolCancelled: 'no key enrolled',
  enrolled: (n) => `${n} key${n === 1 ? '' : 's'} enrolled`,
  revokeNeeds: 'revoke needs a key id and --reason "why"',
  revoke: {
    revoked: (k) => `key ${k} revoked; bundles signed with it are refused from now on`,
    unknown: (k) => `no key ${k} was enrolled`,
    alreadyRevoked: (k) => `key ${k} was revoked before`,
    reason: () => 'give the reason for revoking (at least 2 characters)',
  },
  ingestNeedsKeysFromDb: 'ingest verifies with the keys enrolled in the database: add --keys-from-db',
  ingestNeedsFiles: 'ingest needs at least one bundle file',
  forkedDb: (s) => `from entry ${s} on it differs from a bundle already received: the unit's history forked; check with the unit`,
  completed: (f) => `closed the gap before ${f.join(', ')}`,
  unitsXlsxOrJson: 'choose one of --json and --xlsx',
  unitsWritten: (n, f) => `${n} units written to ${f}`,
  unitsHeader: ['Unit', 'Code', 'Last received', 'Not reporting', 'Last entry', 'Gaps', 'Devices in use', 'Violations', 'Inbox check on time'],
  unitsSheet: 'Units',
  silent: 'not reporting',
  noCheckins: 'no check-ins received',
  noGaps: 'complete',
  never: '—',
};

export const PG_MESSAGES: Record<Lang, PgMessages> = { zh, en };
