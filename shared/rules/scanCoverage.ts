import { dayNumber, daysBetween, isoFromDayNumber } from './days';

/**
 * 第二十二条: every active networked computer is scanned for viruses. A device
 * is covered when its latest scan is no more than `periodDays` before today
 * (a weekly sweep on the same weekday keeps a device covered), and that scan
 * used signatures no older than `maxSignatureAgeDays` on the day it ran. A
 * device's threats are unresolved when its latest scan found threats not yet
 * dealt with; a later clean scan clears them.
 */

export interface CoveragePolicy {
  periodDays: number;
  maxSignatureAgeDays: number;
}

export const DEFAULT_COVERAGE_POLICY: CoveragePolicy = { periodDays: 7, maxSignatureAgeDays: 14 };

export interface ScanFacts {
  id: string;
  deviceId: string;
  scannedOn: string;
  signatureDate: string;
  threats: number;
  resolved: boolean;
  /** For ordering two scans of one device on the same day. */
  createdAt: number;
}

export type CoverageProblem = 'neverScanned' | 'notRecent' | 'staleSignatures' | 'unresolvedThreats';

export interface DeviceCoverage {
  deviceId: string;
  latest: ScanFacts | null;
  /** Days since the latest scan; null when never scanned. */
  age: number | null;
  problems: CoverageProblem[];
}

export interface CoverageSummary {
  devices: DeviceCoverage[];
  covered: number;
  total: number;
  unscanned: number;
  staleSignatures: number;
  unresolvedThreats: number;
}

function later(a: ScanFacts, b: ScanFacts): boolean {
  return a.scannedOn > b.scannedOn || (a.scannedOn === b.scannedOn && a.createdAt > b.createdAt);
}

export function scanCoverage(activeDeviceIds: readonly string[], scans: Iterable<ScanFacts>, policy: CoveragePolicy, today: string): CoverageSummary {
  const latest = new Map<string, ScanFacts>();
  for (const scan of scans) {
    if (scan.scannedOn > today) continue;
    const known = latest.get(scan.deviceId);
    if (!known || later(scan, known)) latest.set(scan.deviceId, scan);
  }
  let covered = 0;
  let unscanned = 0;
  let staleSignatures = 0;
  let unresolvedThreats = 0;
  const devices = activeDeviceIds.map((deviceId): DeviceCoverage => {
    const scan = latest.get(deviceId) ?? null;
    const problems: CoverageProblem[] = [];
    const age = scan ? daysBetween(scan.scannedOn, today) : null;
    if (!scan) problems.push('neverScanned');
    else {
      if (age! > policy.periodDays) problems.push('notRecent');
      if (daysBetween(scan.signatureDate, scan.scannedOn) > policy.maxSignatureAgeDays) problems.push('staleSignatures');
      if (scan.threats > 0 && !scan.resolved) problems.push('unresolvedThreats');
    }
    if (problems.length === 0) covered += 1;
    if (problems.includes('neverScanned') || problems.includes('notRecent')) unscanned += 1;
    if (problems.includes('staleSignatures')) staleSignatures += 1;
    if (problems.includes('unresolvedThreats')) unresolvedThreats += 1;
    return { deviceId, latest: scan, age, problems };
  });
  return { devices, covered, total: activeDeviceIds.length, unscanned, staleSignatures, unresolvedThreats };
}

/**
 * The first day whose scans still keep a device covered on `today`. A device
 * with no scan since then is judged by its latest older scan alone, so a
 * reader of the coverage now needs these days' scans and, for each device
 * without one, just that latest scan.
 */
export function coverageFrom(policy: CoveragePolicy, today: string): string {
  return isoFromDayNumber(dayNumber(today) - policy.periodDays);
}
