import { Tag, Typography } from 'antd';
import type { Fault } from '../../../shared/ledgers/fault';
import { assessFault, type UnitArea } from '../../../shared/rules/faultSla';
import { useT } from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { SLA_TONE, slaText } from '../ledgers/defs/faultText';

const SHOWN = 4;

/** Open tickets, nearest deadline first, each with its live arrival countdown (第十三条). */
export function OpenTickets({ faults, area, now }: { faults: readonly Fault[]; area: UnitArea; now: number }) {
  const t = useT();
  const open = faults
    .filter((f) => f.retiredAt === null && f.resolvedAt === null)
    .map((fault) => ({ fault, a: assessFault(fault, area, now) }))
    .sort((x, y) => x.a.deadline - y.a.deadline);
  if (open.length === 0) return <Typography.Text type="secondary">{t('home.faults.none')}</Typography.Text>;
  return (
    <div className="home-list">
      {open.slice(0, SHOWN).map(({ fault, a }) => (
        <div key={fault.id} className="home-list-row" data-testid="open-ticket">
          <span className="home-list-main" title={fault.description}>
            {fault.description}
          </span>
          <span className="muted">{formatDateTime(fault.reportedAt)}</span>
          <Tag color={SLA_TONE[a.state]} data-testid="ticket-countdown">
            {slaText(a, { t })}
          </Tag>
        </div>
      ))}
      {open.length > SHOWN && <Typography.Text type="secondary">{t('home.faults.more', { n: open.length - SHOWN })}</Typography.Text>}
    </div>
  );
}
