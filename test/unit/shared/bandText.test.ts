import { describe, expect, it } from 'vitest';
import county from '../../../assets/rubrics/example-county.json';
import { formatBands, parseBands } from '../../../shared/evaluation/bandText';
import { checkRubric } from '../../../shared/evaluation/check';
import { FIGURES } from '../../../shared/evaluation/figures';
import { rubricItems } from '../../../shared/evaluation/rubric';

describe('bands as the editor types them', () => {
  it.each([
    ['0-60:0; 60-95:0~10; 95-100:10', 'rate', [{ from: 0, to: 0.6, points: 0 }, { from: 0.6, to: 0.95, points: 0, toPoints: 10 }, { from: 0.95, to: 1, points: 10 }]],
    ['0-1:4；1-2:2，2-:0', 'count', [{ from: 0, to: 1, points: 4 }, { from: 1, to: 2, points: 2 }, { from: 2, to: null, points: 0 }]],
    ['0 – 2 ： 2 ; 2-24:1; 24-:0', 'hours', [{ from: 0, to: 2, points: 2 }, { from: 2, to: 24, points: 1 }, { from: 24, to: null, points: 0 }]],
  ] as const)('%s', (text, domain, bands) => {
    expect(parseBands(text, domain)).toEqual({ ok: true, bands });
  });

  it.each(['', '0-60', '0-60:x', 'a-b:1', '0-60:1~', '-5-10:1'])('names what it cannot read: %j', (text) => {
    expect(parseBands(text, 'rate').ok).toBe(false);
  });

  it('writes every band of the example rubrics back to the same bands', () => {
    const r = checkRubric(county);
    if (!r.ok) throw new Error('example');
    for (const { item } of rubricItems(r.rubric)) {
      const s = item.scoring;
      const bands = s.kind === 'figure' ? s.bands : s.kind === 'office' ? s.bands : undefined;
      if (!bands) continue;
      const domain = s.kind === 'figure' ? FIGURES[s.figure].domain : 'count';
      expect(parseBands(formatBands(bands, domain), domain), item.id).toEqual({ ok: true, bands });
    }
  });
});
