import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { PageHead } from '../../ui/PageHead';
import { DocOfficerHome } from './DocOfficerHome';
import { DutyHome } from './DutyHome';
import { OfficeHome } from './OfficeHome';
import { PgSourceTag } from '../console/useConsoleSource';
import { UnitAdminHome } from './UnitAdminHome';
import './home.css';

/** 工作台: the page each role lands on, showing first what needs that person. */
export function HomePage() {
  const t = useT();
  const unit = useSession((s) => s.unit);
  const account = useSession((s) => s.account);
  if (!unit || !account) return null;
  const role = account.role;
  return (
    <div className="page home-page" data-testid="home" data-role={role}>
      <PageHead title={t('home.title')} rule={t(`home.rule.${role}`)} actions={role === 'auditor' ? <PgSourceTag /> : undefined} />
      {role === 'admin' && <UnitAdminHome unit={unit} />}
      {role === 'docOfficer' && <DocOfficerHome unitId={unit.id} accountId={account.id} />}
      {role === 'duty' && <DutyHome unit={unit} />}
      {role === 'auditor' && <OfficeHome officeUnitId={unit.id} />}
    </div>
  );
}
