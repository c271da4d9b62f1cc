import { DEVICE_KINDS, DEVICE_STATUSES, deviceBody, deviceInput, type Device, type DeviceBody, type DeviceInput, type DeviceKind, type DeviceStatus } from '../domain/device';
import { parseIpv4, parseMac } from '../rules/network';

/**
 * Reading the device register from a spreadsheet: find the header row, map
 * columns to fields, turn each row into an input, and plan what the import
 * will do — before anything is written. The plan is pure, so the preview the
 * user approves and the transaction that applies it decide alike.
 */

/**
 * Untrusted files are capped before and while reading (DESIGN.md, Libraries):
 * the file, each inflated part of it (the sheet, its shared strings), the data
 * rows (beside up to TITLE_ROWS title rows above the header) and the columns.
 */
export const IMPORT_LIMITS = { bytes: 10 * 1024 * 1024, rows: 20_000, columns: 60, partBytes: 96 * 1024 * 1024 } as const;
const TITLE_ROWS = 10;

/** The reader's limits for a device sheet: what openDeviceSheet would refuse is not read past. */
export const SHEET_READ_LIMITS = { bytes: IMPORT_LIMITS.bytes, rows: IMPORT_LIMITS.rows + TITLE_ROWS, columns: IMPORT_LIMITS.columns, partBytes: IMPORT_LIMITS.partBytes } as const;

export const IMPORT_FIELDS = ['ip', 'mac', 'owner', 'office', 'location', 'kind', 'status', 'dedicatedConfirmed', 'internetCapable', 'isolationCard', 'note'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = ['ip', 'mac', 'owner', 'office'];

/** Header words each field is recognised by, besides its own label. */
const ALIASES: Record<ImportField, readonly string[]> = {
  ip: ['ip', 'ip地址', 'ipv4', 'ip address', 'ipaddress'],
  mac: ['mac', 'mac地址', '物理地址', 'mac address', 'physical address'],
  owner: ['负责人', '使用人', '责任人', 'owner'],
  office: ['科室', '部门', '处室', 'office', 'department'],
  location: ['位置', '地点', '房间', '存放位置', 'location'],
  kind: ['设备类型', '类型', 'kind', 'type'],
  status: ['状态', 'status'],
  dedicatedConfirmed: ['专机专用', '专机专用已确认', 'dedicated'],
  internetCapable: ['可上互联网', '上互联网', 'internet'],
  isolationCard: ['隔离卡', '已装网络隔离卡', '网络隔离卡', 'isolation card'],
  note: ['备注', '说明', 'note', 'notes'],
};

export type Cell = string | number | boolean | Date | null | undefined | object;
export type Mapping = Record<ImportField, number | null>;

function norm(text: string): string {
  return text.toLowerCase().replace(/[\s_\-:：（）()]/g, '');
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'object') return '';
  return String(cell).trim();
}

/**
 * The header row is the first of the first ten rows that names at least two
 * known fields (an exported register has a title and the unit's name above it).
 */
export function detectHeader(rows: readonly (readonly Cell[])[], labels: Partial<Record<ImportField, string>>): { headerRow: number; mapping: Mapping } | null {
  const words = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) {
    for (const a of ALIASES[field]) words.set(norm(a), field);
    const label = labels[field];
    if (label) words.set(norm(label), field);
  }
  for (let r = 0; r < Math.min(TITLE_ROWS, rows.length); r++) {
    const mapping = emptyMapping();
    let found = 0;
    rows[r]!.forEach((cell, c) => {
      const field = words.get(norm(cellText(cell)));
      if (field && mapping[field] === null) {
        mapping[field] = c;
        found += 1;
      }
    });
    if (found >= 2) return { headerRow: r, mapping };
  }
  return null;
}

export type OpenedSheet =
  | { ok: true; sheet: Cell[][]; header: { headerRow: number; mapping: Mapping } | null }
  | { ok: false; reason: 'tooManyRows' };

/**
 * A spreadsheet as read, held to the limits: more rows than allowed (beside a
 * few title rows) is refused, columns past the limit are dropped, and the
 * header is found if the sheet has one.
 */
export function openDeviceSheet(data: readonly (readonly Cell[])[], labels: Partial<Record<ImportField, string>>): OpenedSheet {
  if (data.length > IMPORT_LIMITS.rows + TITLE_ROWS) return { ok: false, reason: 'tooManyRows' };
  const sheet = data.map((r) => r.slice(0, IMPORT_LIMITS.columns));
  return { ok: true, sheet, header: detectHeader(sheet, labels) };
}

export function emptyMapping(): Mapping {
  return Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as Mapping;
}

/** Words the user's language uses for the enumerations (from the UI labels). */
export interface Vocabulary {
  kind: ReadonlyMap<string, DeviceKind>;
  status: ReadonlyMap<string, DeviceStatus>;
}

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '✓', '已装', '已确认']);
const NO = new Set(['否', '无', 'n', 'no', 'false', '0', '×', '未装']);

/** An empty cell says nothing (undefined): the device's current value, or the default for a new one, stands. */
function bool(cell: Cell): boolean | string | undefined {
  if (typeof cell === 'boolean') return cell;
  const text = cellText(cell);
  if (text === '') return undefined;
  // The words are stored normalised, so a cell already in that form needs no normalising (most of them: 是, 否).
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  const t = norm(text);
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return cellText(cell);
}

function enumValue<T extends string>(cell: Cell, codes: readonly T[], words: ReadonlyMap<string, T>): string | undefined {
  const t = cellText(cell);
  if (t === '') return undefined;
  if ((codes as readonly string[]).includes(t)) return t;
  return words.get(t) ?? t;
}

/**
 * One sheet row as the form's input, holding only the fields whose column is
 * mapped (and, for kinds, statuses and yes/no, whose cell is filled): the
 * plan takes the rest from the device the row updates, or from the defaults
 * for a new one. What cannot be read is left for the schema to refuse.
 */
export function rowToInput(row: readonly Cell[], mapping: Mapping, vocab: Vocabulary): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const put = (f: ImportField, read: (cell: Cell) => unknown) => {
    if (mapping[f] === null) return;
    const value = read(row[mapping[f]!]);
    if (value !== undefined) input[f] = value;
  };
  for (const f of ['ip', 'mac', 'owner', 'office', 'location', 'note'] as const) put(f, cellText);
  put('kind', (c) => enumValue(c, DEVICE_KINDS, vocab.kind));
  put('status', (c) => enumValue(c, DEVICE_STATUSES, vocab.status));
  for (const f of ['dedicatedConfirmed', 'internetCapable', 'isolationCard'] as const) put(f, bool);
  return input;
}

/**
 * A new device's values for what its row does not say. The register asks the
 * administrator to confirm dedicated use; a sheet without the column is the
 * administrator's confirmation.
 */
export const NEW_DEVICE_DEFAULTS = { location: '', kind: 'desktop', status: 'inUse', dedicatedConfirmed: true, internetCapable: false, isolationCard: false, note: '' } as const satisfies Partial<DeviceBody>;

export interface PlanIssue {
  field: string;
  code: string;
  vars?: Record<string, string>;
}

export type PlanRow =
  | { row: number; action: 'create'; body: DeviceBody }
  | { row: number; action: 'update'; body: DeviceBody; target: Device; changed: string[] }
  | { row: number; action: 'unchanged'; target: Device }
  | { row: number; action: 'refuse'; issues: PlanIssue[]; input: Record<string, unknown> };

export interface ImportPlan {
  rows: PlanRow[];
  create: number;
  update: number;
  unchanged: number;
  refuse: number;
}

const COMPARED: readonly (keyof DeviceBody)[] = ['ip', 'mac', 'owner', 'office', 'location', 'kind', 'status', 'dedicatedConfirmed', 'internetCapable', 'isolationCard', 'note'];

function describe(d: Pick<Device, 'owner' | 'office' | 'ip' | 'mac'>): string {
  return `${d.owner}（${d.office}）${d.ip} / ${d.mac}`;
}

/**
 * What importing these rows would do. A row whose MAC belongs to an active
 * device updates that device (the MAC is the machine; its IP may change); any
 * other row creates one. A field the row does not hold keeps the device's
 * current value (a sheet without the 隔离卡 column must not erase what the
 * register records), or takes the default for a new device. Refused: a row
 * the schema refuses, an IP held by another active device, or an IP or MAC
 * that an earlier row of the same file already uses.
 */
export function planDeviceImport(rows: readonly { row: number; input: Record<string, unknown> }[], active: readonly Device[]): ImportPlan {
  const byMac = new Map<string, Device>();
  const byIp = new Map<string, Device>();
  for (const d of active) {
    if (d.retiredAt !== null) continue;
    byMac.set(d.mac, d);
    byIp.set(d.ip, d);
  }
  const seenIp = new Map<string, number>();
  const seenMac = new Map<string, number>();
  const out: PlanRow[] = [];
  for (const { row, input } of rows) {
    const mac = typeof input.mac === 'string' ? parseMac(input.mac) : null;
    const known = mac?.ok ? byMac.get(mac.value) : undefined;
    const base: Partial<DeviceBody> = known ?? NEW_DEVICE_DEFAULTS;
    let body = mac?.ok ? plainDeviceBody(base, input, mac.value) : null;
    if (!body) {
      const parsed = deviceInput.safeParse({ ...(known ? deviceBody(known) : NEW_DEVICE_DEFAULTS), ...input } as DeviceInput);
      if (!parsed.success) {
        out.push({ row, action: 'refuse', input, issues: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), code: i.message })) });
        continue;
      }
      body = parsed.data;
    }
    const issues: PlanIssue[] = [];
    const ipRow = seenIp.get(body.ip);
    const macRow = seenMac.get(body.mac);
    if (ipRow !== undefined) issues.push({ field: 'ip', code: 'import.duplicateIp', vars: { row: String(ipRow) } });
    if (macRow !== undefined) issues.push({ field: 'mac', code: 'import.duplicateMac', vars: { row: String(macRow) } });
    const target = byMac.get(body.mac);
    const ipHolder = byIp.get(body.ip);
    if (ipHolder && ipHolder.id !== target?.id) issues.push({ field: 'ip', code: 'conflict.ip', vars: { other: describe(ipHolder) } });
    if (!seenIp.has(body.ip)) seenIp.set(body.ip, row);
    if (!seenMac.has(body.mac)) seenMac.set(body.mac, row);
    if (issues.length > 0) {
      out.push({ row, action: 'refuse', input, issues });
      continue;
    }
    if (!target) {
      out.push({ row, action: 'create', body });
      continue;
    }
    const changed = COMPARED.filter((k) => target[k] !== body[k]);
    out.push(changed.length === 0 ? { row, action: 'unchanged', target } : { row, action: 'update', body, target, changed });
  }
  const count = (a: PlanRow['action']) => out.filter((r) => r.action === a).length;
  return { rows: out, create: count('create'), update: count('update'), unchanged: count('unchanged'), refuse: count('refuse') };
}

const KINDS: ReadonlySet<unknown> = new Set(DEVICE_KINDS);
const STATUSES: ReadonlySet<unknown> = new Set(DEVICE_STATUSES);
const BODY_KEYS: ReadonlySet<string> = new Set(Object.keys(deviceInput.shape));

/** Trimmed text within its bounds, or null: what `z.string().trim().min().max()` passes, and nothing it refuses. */
function boundedText(value: unknown, min: number, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text.length >= min && text.length <= max ? text : null;
}

/**
 * The device body deviceInput would parse from the row's `input` over
 * `base` (the device it updates, or the defaults), for a row that passes
 * every rule; null for anything else, which then goes through deviceInput
 * itself for its exact issues. zod (and the merged copy it needs) cost
 * about 20 µs a row, most of a 20,000-row preview, and nearly every row of
 * a real sheet passes; the MAC comes already parsed. Tests hold the two to
 * the same answers.
 */
export function plainDeviceBody(base: Partial<DeviceBody>, input: Record<string, unknown>, canonicalMac: string): DeviceBody | null {
  for (const key in input) if (!BODY_KEYS.has(key)) return null;
  const pick = (key: keyof DeviceBody): unknown => (key in input ? input[key] : base[key]);
  const rawIp = pick('ip');
  if (typeof rawIp !== 'string' || typeof pick('mac') !== 'string') return null;
  const ip = parseIpv4(rawIp);
  if (!ip.ok) return null;
  const owner = boundedText(pick('owner'), 1, 30);
  const office = boundedText(pick('office'), 1, 40);
  const rawLocation = pick('location');
  const rawNote = pick('note');
  const location = rawLocation === undefined ? '' : boundedText(rawLocation, 0, 60);
  const note = rawNote === undefined ? '' : boundedText(rawNote, 0, 200);
  const kind = pick('kind');
  const status = pick('status');
  const dedicatedConfirmed = pick('dedicatedConfirmed');
  const internetCapable = pick('internetCapable');
  const isolationCard = pick('isolationCard');
  if (owner === null || office === null || location === null || note === null) return null;
  if (!KINDS.has(kind) || !STATUSES.has(status)) return null;
  if (typeof dedicatedConfirmed !== 'boolean' || typeof internetCapable !== 'boolean' || typeof isolationCard !== 'boolean') return null;
  // The schema's key order, so a stored body reads the same whichever path made it.
  return { ip: ip.value, mac: canonicalMac, owner, office, location, kind: kind as DeviceKind, status: status as DeviceStatus, dedicatedConfirmed, internetCapable, isolationCard, note };
}

/** Sheet rows below the header, skipping empty ones; row numbers are the sheet's own (1-based). */
export function dataRows(rows: readonly (readonly Cell[])[], headerRow: number, mapping: Mapping, vocab: Vocabulary): { row: number; input: Record<string, unknown> }[] {
  const out: { row: number; input: Record<string, unknown> }[] = [];
  for (let r = headerRow + 1; r < rows.length; r++) {
    const cells = rows[r]!;
    if (cells.every((c) => cellText(c) === '')) continue;
    out.push({ row: r + 1, input: rowToInput(cells, mapping, vocab) });
  }
  return out;
}

export type RefusedRow = Extract<PlanRow, { action: 'refuse' }>;

/**
 * The refused rows as a sheet to fix and import again: the file's own header
 * and cells as they were, so the columns match the same way, with the row's
 * number in the original file and the reason after them.
 */
export function refusedSheet(sheet: readonly (readonly Cell[])[], headerRow: number, plan: ImportPlan, titles: { row: string; reason: string }, reason: (r: RefusedRow) => string): { header: string[]; rows: (string | number | null)[][] } {
  const refused = plan.rows.filter((r): r is RefusedRow => r.action === 'refuse');
  const width = Math.max(sheet[headerRow]?.length ?? 0, ...refused.map((r) => sheet[r.row - 1]?.length ?? 0));
  const text = (cell: Cell): string | number | null => (typeof cell === 'number' ? cell : cellText(cell) || null);
  const cells = (row: readonly Cell[] | undefined) => Array.from({ length: width }, (_, i) => text(row?.[i]));
  return {
    header: [...cells(sheet[headerRow]).map((c) => (c === null ? '' : String(c))), titles.row, titles.reason],
    rows: refused.map((r) => [...cells(sheet[r.row - 1]), r.row, reason(r)]),
  };
}
