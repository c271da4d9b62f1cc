/**
 * Fields every stored record carries (DESIGN.md, Storage). Records are never
 * deleted: a removal sets `retiredAt` with a reason.
 */
export interface RecordMeta {
  unitId: string;
  id: string;
  rev: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  retiredAt: number | null;
  retiredReason: string | null;
}

export type RecordBody<T extends RecordMeta> = Omit<T, keyof RecordMeta>;

export const META_KEYS: readonly (keyof RecordMeta)[] = [
  'unitId', 'id', 'rev', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'retiredAt', 'retiredReason',
];
