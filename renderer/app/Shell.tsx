import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, ImportOutlined, KeyOutlined, BugOutlined, DatabaseOutlined, CalendarOutlined, CheckSquareOutlined, CopyOutlined, DesktopOutlined, ExportOutlined, LockOutlined, LogoutOutlined, MailOutlined,
  PhoneOutlined, ReadOutlined, SafetyCertificateOutlined, ScheduleOutlined, SettingOutlined, TeamOutlined, ToolOutlined, UserOutlined,
} from '@ant-design/icons';
import { LedgerPage } from '../features/ledgers/LedgerPage';
import { BundlesPage } from '../features/bundles/BundlesPage';
import { ConsoleImportPage } from '../features/console/ConsoleImportPage';
import { ConsoleKeysPage } from '../features/console/ConsoleKeysPage';
import { ConsoleUnitsPage } from '../features/console/ConsoleUnitsPage';
import { PolicyIssuePage } from '../features/policy/PolicyIssuePage';
import { BackupPage } from '../features/backup/BackupPage';
import { useAutoBackup } from '../features/backup/useAutoBackup';
import { copyLedger, dutyLedger, faultLedger, incidentLedger, inspectionLedger, maintainerLedger, scanLedger, trainingLedger } from '../features/ledgers/defs';
import { can, type Permission } from '../../shared/domain/roles';
import { useT, type MessageKey } from './i18n';
import { useSession } from './session';
import { useSettings } from './settings';
import { useIdleLock } from './useIdleLock';
import { LockScreen } from '../features/auth/LockScreen';
import { ChangePasswordDialog } from '../features/auth/ChangePasswordDialog';
import { DevicesPage } from '../features/devices/DevicesPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { IntegrityPage } from '../features/integrity/IntegrityPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { CheckinsPage } from '../features/checkins/CheckinsPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { CheckinModal } from '../features/checkins/CheckinModal';
import { ReminderBanner } from '../features/checkins/ReminderBanner';
import { useCheckins } from '../features/checkins/checkinStore';
import { EVENTS_KEY } from '../../shared/ipc/channels';

interface PageDef {
  key: string;
  group: 'office' | 'ledgers' | 'checkins' | 'system';
  label: MessageKey;
  icon: ReactNode;
  permission: Permission;
  render: () => ReactNode;
}

/** The ledgers that exist, and the screens around them. A page appears only for roles that may see it. */
const PAGES: PageDef[] = [
  { key: 'console-units', group: 'office', label: 'nav.consoleUnits', icon: <ApartmentOutlined />, permission: 'console.use', render: () => <ConsoleUnitsPage /> },
  { key: 'console-import', group: 'office', label: 'nav.consoleImport', icon: <ImportOutlined />, permission: 'console.use', render: () => <ConsoleImportPage /> },
  { key: 'policy-issue', group: 'office', label: 'nav.policyIssue', icon: <SafetyCertificateOutlined />, permission: 'console.use', render: () => <PolicyIssuePage /> },
  { key: 'console-keys', group: 'office', label: 'nav.consoleKeys', icon: <KeyOutlined />, permission: 'console.use', render: () => <ConsoleKeysPage /> },
  { key: 'devices', group: 'ledgers', label: 'nav.devices', icon: <DesktopOutlined />, permission: 'devices.view', render: () => <DevicesPage /> },
  { key: 'duty', group: 'ledgers', label: 'nav.duty', icon: <ScheduleOutlined />, permission: 'ledgers.view', render: () => <LedgerPage def={dutyLedger} /> },
  { key: 'faults', group: 'ledgers', label: 'nav.faults', icon: <ToolOutlined />, permission: 'ledgers.view', render: () => <LedgerPage def={faultLedger} /> },
  { key: 'scans', group: 'ledgers', label: 'nav.scans', icon: <BugOutlined />, permission: 'ledgers.view', render: () => <LedgerPage def={scanLedger} /> },
  { key: 'incidents', group: 'ledgers', label: 'nav.incidents', icon: <AlertOutlined />, permission: 'ledgers.view', render: () => <LedgerPage def={incidentLedger} /> },
  { key: 'inspections', group: 'ledgers', label: 'nav.inspections', icon: <AuditOutlined />, permission: 'ledgers.view', render: () => <LedgerPage def={inspectionLedger} /> },
  { key: 'trainings', group: 'ledgers', label: 'nav.trainings', icon: <ReadOutlined />, permission: 'ledgers.view', render: () => <LedgerPage def={trainingLedger} /> },
  { key: 'copies', group: 'ledgers', label: 'nav.copies', icon: <CopyOutlined />, permission: 'ledgers.view', render: () => <LedgerPage def={copyLedger} /> },
  { key: 'maintainers', group: 'ledgers', label: 'nav.maintainers', icon: <PhoneOutlined />, permission: 'ledgers.view', render: () => <LedgerPage def={maintainerLedger} /> },
  { key: 'checkins', group: 'checkins', label: 'nav.checkins', icon: <MailOutlined />, permission: 'checkins.view', render: () => <CheckinsPage /> },
  { key: 'calendar', group: 'checkins', label: 'nav.calendar', icon: <CalendarOutlined />, permission: 'calendar.edit', render: () => <CalendarPage /> },
  { key: 'accounts', group: 'system', label: 'nav.accounts', icon: <TeamOutlined />, permission: 'accounts.manage', render: () => <AccountsPage /> },
  { key: 'bundles', group: 'system', label: 'nav.bundles', icon: <ExportOutlined />, permission: 'bundles.export', render: () => <BundlesPage /> },
  { key: 'backup', group: 'system', label: 'nav.backup', icon: <DatabaseOutlined />, permission: 'backup.manage', render: () => <BackupPage /> },
  { key: 'integrity', group: 'system', label: 'nav.integrity', icon: <SafetyCertificateOutlined />, permission: 'integrity.verify', render: () => <IntegrityPage /> },
  { key: 'settings', group: 'system', label: 'nav.settings', icon: <SettingOutlined />, permission: 'devices.view', render: () => <SettingsPage /> },
];

const GROUP_LABEL: Record<PageDef['group'], MessageKey> = { office: 'nav.group.office', ledgers: 'nav.group.ledgers', checkins: 'nav.group.checkins', system: 'nav.group.system' };

function pageFromHash(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

export function Shell() {
  const t = useT();
  const { unit, account, locked, lock, signOut } = useSession();
  const { idleMinutes, load } = useSettings();
  const [changingPassword, setChangingPassword] = useState(false);
  const pages = useMemo(() => PAGES.filter((p) => account && can(account.role, p.permission)), [account]);
  // The document officer's daily screen is the inbox checks; everyone else starts at the register.
  const landing = account?.role === 'docOfficer' ? 'checkins' : pages[0]?.key;
  const [current, setCurrent] = useState(() => pages.find((p) => p.key === pageFromHash())?.key ?? landing ?? 'settings');

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    window.location.hash = `/${current}`;
  }, [current]);
  useIdleLock(idleMinutes, !locked, lock);
  useAutoBackup();

  const canCheckIn = account !== undefined && can(account.role, 'checkins.write');
  const loadCheckins = useCheckins((s) => s.load);
  const openCheckin = useCheckins((s) => s.openDialog);
  useEffect(() => {
    if (unit) void loadCheckins(unit.id);
  }, [unit, loadCheckins]);
  // One key from anywhere, and the desktop notification's click, open the check-in.
  useEffect(() => {
    if (!canCheckIn || locked) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F8') {
        e.preventDefault();
        openCheckin();
      }
    };
    window.addEventListener('keydown', onKey);
    const events = (window as unknown as Record<string, { onOpenCheckin?: (cb: () => void) => () => void } | undefined>)[EVENTS_KEY];
    const unsubscribe = events?.onOpenCheckin?.(openCheckin);
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe?.();
    };
  }, [canCheckIn, locked, openCheckin]);

  const page = pages.find((p) => p.key === current) ?? pages[0];
  return (
    <Layout className="shell" data-locked={locked || undefined}>
      <Layout.Sider width={208} theme="light" className="shell-sider">
        <div className="brand">
          <span className="brand-mark">专</span>
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-sub">{t('app.subtitle')}</div>
          </div>
        </div>
        <Menu
          className="shell-menu"
          mode="inline"
          selectedKeys={[current]}
          onClick={(e) => setCurrent(e.key)}
          items={(['office', 'ledgers', 'checkins', 'system'] as const)
            .map((group) => ({ type: 'group' as const, key: group, label: t(GROUP_LABEL[group]), children: pages.filter((p) => p.group === group).map((p) => ({ key: p.key, icon: p.icon, label: t(p.label) })) }))
            .filter((g) => g.children.length > 0)}
        />
      </Layout.Sider>
      <Layout className="shell-main">
        <Layout.Header className="shell-header">
          <Typography.Text strong>{unit?.name}</Typography.Text>
          <Space size="middle">
            <LanguageSwitch />
            {canCheckIn && (
              <Button type="primary" icon={<CheckSquareOutlined />} onClick={openCheckin} title="F8">
                {t('checkin.button')}
              </Button>
            )}
            <Button icon={<LockOutlined />} onClick={lock}>
              {t('lock.now')}
            </Button>
            <Dropdown
              menu={{
                // Signing out is switching user: the sign-in screen follows at once.
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('password.change'), onClick: () => setChangingPassword(true) },
                  { key: 'out', icon: <LogoutOutlined />, label: t('signin.signOut'), onClick: signOut },
                ],
              }}
            >
              <Button icon={<UserOutlined />} data-testid="user-menu">
                {account?.displayName} <Tag style={{ marginInlineStart: 8 }}>{account ? t(`role.${account.role}`) : ''}</Tag>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        {canCheckIn && !locked && <ReminderBanner />}
        {/* Hidden, not unmounted: a form left open survives the lock, unseen. */}
        <Layout.Content className="shell-content" style={locked ? { display: 'none' } : undefined}>
          {page && <Fragment key={page.key}>{page.render()}</Fragment>}
        </Layout.Content>
      </Layout>
      {canCheckIn && <CheckinModal />}
      {locked && <LockScreen />}
      <ChangePasswordDialog open={changingPassword && !locked} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
