/**
 * 第四十二条: training for administrators and document officers is held "一般每年安排一至两次".
 * A year that has had none is flagged; from November on the flag is a warning,
 * since the year is nearly out.
 */
export function trainingsInYear(dates: Iterable<string>, year: number): number {
  let n = 0;
  for (const d of dates) if (d.startsWith(`${year}-`)) n += 1;
  return n;
}

export type TrainingStatus = 'ok' | 'none' | 'noneLate';

export function trainingStatus(dates: Iterable<string>, today: string): TrainingStatus {
  const year = Number(today.slice(0, 4));
  if (trainingsInYear(dates, year) > 0) return 'ok';
  return today.slice(5, 7) >= '11' ? 'noneLate' : 'none';
}
