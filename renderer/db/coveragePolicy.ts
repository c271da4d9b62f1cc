import { DEFAULT_COVERAGE_POLICY, type CoveragePolicy } from '../../shared/rules/scanCoverage';
import type { ZwDb } from './schema';

/** The unit's virus-scan coverage rule (period, signature age), a local setting the scan ledger's panel edits. */
export const COVERAGE_POLICY_KEY = 'scanCoveragePolicy';

export async function coveragePolicy(db: ZwDb): Promise<CoveragePolicy> {
  const v = (await db.meta.get(COVERAGE_POLICY_KEY))?.value as Partial<CoveragePolicy> | undefined;
  return v && typeof v.periodDays === 'number' && typeof v.maxSignatureAgeDays === 'number' ? { periodDays: v.periodDays, maxSignatureAgeDays: v.maxSignatureAgeDays } : DEFAULT_COVERAGE_POLICY;
}
