export type BackupKind = 'auto' | 'manual' | 'beforeRestore';
