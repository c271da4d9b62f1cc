/**
 * The office's PostgreSQL schema, as numbered migrations kept in the repo.
 * A migration once released is never edited: a change is a new number, so
 * a database written by any earlier version upgrades by running the rest.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'received_bundles_and_merged_records',
    sql: `
-- Unit keys the office enrolled after comparing fingerprints; a revoked key stays, with who, when and why.
create table enrolled_keys (
  key_id text primary key,
  unit_id text not null,
  unit_name text not null,
  unit_code text not null,
  suite text not null,
  public_key text not null,
  fingerprint text not null,
  rotated_from text references enrolled_keys (key_id),
  enrolled_at bigint not null,
  enrolled_by text not null,
  revoked_at bigint,
  revoked_by text,
  revoked_reason text,
  check ((revoked_at is null) = (revoked_reason is null))
);
create index enrolled_keys_unit on enrolled_keys (unit_id);

-- Every bundle taken in, under the identity its key was enrolled with, and what it printed instead.
create table received_bundles (
  file_hash text primary key,
  file_name text not null,
  unit_id text not null,
  unit_name text not null,
  unit_code text not null,
  claimed_name text,
  claimed_code text,
  key_id text not null references enrolled_keys (key_id),
  from_seq integer not null check (from_seq >= 1),
  to_seq integer not null check (to_seq >= from_seq),
  counts jsonb not null,
  created_at bigint not null,
  last_entry_at bigint not null,
  received_at bigint not null,
  received_by text not null,
  verdict text not null check (verdict in ('valid', 'gapBefore'))
);
create index received_bundles_unit on received_bundles (unit_id, from_seq);

-- The chain hash at every seq a bundle held, and before its first: gaps, fills and forks are judged against these.
create table received_segments (
  file_hash text primary key references received_bundles (file_hash),
  unit_id text not null,
  from_seq integer not null,
  to_seq integer not null,
  prev_hash text not null,
  hashes text[] not null,
  check (cardinality(hashes) = to_seq - from_seq + 1)
);
create index received_segments_unit on received_segments (unit_id, from_seq, to_seq);

-- The files as received, kept as evidence.
create table received_files (
  file_hash text primary key references received_bundles (file_hash),
  file_name text not null,
  bytes bytea not null
);

-- Each unit's records at their highest rev. json, not jsonb: a record is kept exactly as
-- the shared schemas parsed it, including text jsonb would refuse (a \\u0000 in a note).
create table merged_records (
  unit_id text not null,
  tbl text not null,
  id text not null,
  rev integer not null check (rev >= 1),
  seq integer not null,
  record json not null,
  primary key (unit_id, tbl, id)
);
-- An id is one unit's: a second unit bringing it is refused, never shared.
create unique index merged_records_id on merged_records (tbl, id);
`,
  },
  {
    version: 2,
    name: 'unit_figures',
    sql: `
-- The units view's figures of each unit, kept by every ingest up to the unit's last entry; a unit
-- whose row is missing or behind (a database from before this table) is computed when the view is read.
create table unit_figures (
  unit_id text primary key,
  active_devices integer not null,
  violations integer not null,
  compliance double precision,
  provisional boolean not null,
  up_to bigint not null
);
-- Compliance reads one unit's check-ins of a 30-day window.
create index merged_checkins_at on merged_records (unit_id, ((record ->> 'at')::bigint)) where tbl = 'checkins';
`,
  },
  {
    version: 3,
    name: 'received_files_uncompressed',
    sql: `
-- A bundle is a zip, already compressed: the server's own compression of each file only costs time.
alter table received_files alter column bytes set storage external;
`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
