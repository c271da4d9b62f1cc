import { parseEnrolment } from '../../../shared/bundle/enrolment';
import { reviewAgainst, type EnrolmentReview } from '../../db/console';
import type { EnrolledKey } from '../../db/schema';

/** An enrolment file is a few hundred bytes; anything much larger is not one. */
export const ENROLMENT_FILE_BYTES = 64 * 1024;

/** Why a chosen file is not an enrolment file. */
export interface EnrolmentRefusal {
  reason: 'tooLarge' | 'notJson' | 'field';
  field: string;
}

export type BatchState = 'bad' | 'already' | 'duplicate' | 'rotation' | 'new' | 'extra';

/** One chosen file as the auditor reviews it before enrolling. */
export interface BatchRow {
  key: string;
  fileName: string;
  state: BatchState;
  review: EnrolmentReview | null;
  /** Why a file is not an enrolment file, in the user's words. */
  detail: string;
}

/** Whether the auditor may tick the row: a key that is not already there, once in the batch. */
export function enrollable(row: BatchRow): boolean {
  return row.review !== null && row.state !== 'already' && row.state !== 'duplicate';
}

/**
 * Reads every chosen file and says for each what enrolling it would mean.
 * Nothing is written: the auditor ticks the rows whose fingerprints were
 * compared by phone (a rotation signed by an enrolled key needs no call).
 */
export async function reviewBatch(keys: readonly EnrolledKey[], files: readonly File[], why: (refusal: EnrolmentRefusal) => string): Promise<BatchRow[]> {
  const seen = new Set<string>();
  const rows: BatchRow[] = [];
  for (const [i, file] of files.entries()) {
    const base = { key: `${i}:${file.name}`, fileName: file.name };
    if (file.size > ENROLMENT_FILE_BYTES) {
      rows.push({ ...base, state: 'bad', review: null, detail: why({ reason: 'tooLarge', field: '' }) });
      continue;
    }
    const parsed = parseEnrolment(await file.text());
    if (!parsed.ok) {
      rows.push({ ...base, state: 'bad', review: null, detail: why(parsed) });
      continue;
    }
    const review = reviewAgainst(keys, parsed.enrolment);
    const keyId = parsed.enrolment.keyId;
    const state: BatchState = review.already ? 'already' : seen.has(keyId) ? 'duplicate' : review.rotationOf ? 'rotation' : review.otherKeys.length > 0 ? 'extra' : 'new';
    seen.add(keyId);
    rows.push({ ...base, state, review, detail: '' });
  }
  return rows;
}
