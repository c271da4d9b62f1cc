import { Tag } from 'antd';
import { refusedEntryText, VERDICT_WORDS, type Verdict } from '../../../shared/bundle/verdicts';
import type { ImportOutcome } from '../../db/console';
import { useLang, type Translate } from '../../i18n';
import { entryRange } from '../../ui/format';

const COLOR: Record<Verdict, string> = {
  valid: 'green',
  duplicate: 'default',
  gapBefore: 'orange',
  unknownKey: 'red',
  revokedKey: 'red',
  badSignature: 'red',
  altered: 'red',
  forked: 'magenta',
  unreadable: 'red',
  notBundle: 'red',
  foreignRecord: 'red',
  invalidRecord: 'red',
  sealedElsewhere: 'red',
  corruptChunk: 'red',
  truncated: 'red',
  sealedLocked: 'orange',
  badAttachment: 'red',
};

/** A verdict in the words the command line uses too (shared/bundle/verdicts). */
export function VerdictTag({ verdict }: { verdict: Verdict }) {
  const lang = useLang((s) => s.lang);
  return (
    <Tag color={COLOR[verdict]} data-verdict={verdict}>
      {VERDICT_WORDS[lang][verdict]}
    </Tag>
  );
}

/** What the verdict means for the user, and what to do about it. */
export function verdictHelp(t: Translate, o: Pick<ImportOutcome, 'verdict' | 'missing' | 'forkAt' | 'merged' | 'refused' | 'completed'> & Partial<Pick<ImportOutcome, 'detail'>>, lang: 'zh' | 'en' = 'zh'): string {
  switch (o.verdict) {
    case 'foreignRecord':
    case 'invalidRecord':
      return t(`verdict.help.${o.verdict}`, { detail: o.refused ? refusedEntryText(o.refused, lang) : '' });
    case 'badAttachment':
      return t('verdict.help.badAttachment', { detail: o.detail ?? '' });
    case 'gapBefore':
      return t('verdict.help.gapBefore', { range: entryRange(t, o.missing?.from ?? 0, o.missing?.to ?? 0) });
    case 'forked':
      return t('verdict.help.forked', { seq: o.forkAt ?? 0 });
    case 'valid': {
      const n = Object.values(o.merged ?? {}).reduce((a, b) => a + (b ?? 0), 0);
      const completed = o.completed && o.completed.length > 0 ? `；${t('console.import.completed', { files: o.completed.join('、') })}` : '';
      return `${t('verdict.help.valid')}，${t('console.import.merged', { n })}${completed}`;
    }
    default:
      return t(`verdict.help.${o.verdict}`);
  }
}
