/**
 * Errors a write can end with. Each carries a code the UI translates
 * (`err.<code>`), so a refusal is a clear message beside the right field and
 * never a half-saved record.
 */
export interface FieldIssue {
  field: string;
  code: string;
  /** Values for the message, such as the conflicting device. */
  vars?: Record<string, string>;
}

export class ValidationError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.code}`).join('; '));
    this.name = 'ValidationError';
  }
}

/** The record changed since the caller read it (another window or tab). */
export class StaleRecordError extends Error {
  constructor(readonly recordId: string) {
    super(`record ${recordId} changed since it was read`);
    this.name = 'StaleRecordError';
  }
}

export class NotFoundError extends Error {
  constructor(readonly recordId: string) {
    super(`record ${recordId} not found`);
    this.name = 'NotFoundError';
  }
}

/**
 * Turns zod issues into field issues whose codes are the schema's messages.
 * A text over its limit says the limit, so the user knows how much to cut.
 */
export function issuesFromZod(issues: readonly { path: readonly PropertyKey[]; message: string; code?: string; maximum?: unknown; origin?: string }[]): FieldIssue[] {
  return issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    if (issue.code === 'too_big' && issue.origin === 'string' && issue.message === 'tooLong') return { field, code: 'tooLongMax', vars: { max: String(issue.maximum) } };
    return { field, code: issue.message };
  });
}

/**
 * The disk or the browser's storage is full. IndexedDB aborts the whole
 * transaction, so nothing of the write was kept; Dexie may wrap the error.
 */
export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: unknown; inner?: { name?: unknown } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}
