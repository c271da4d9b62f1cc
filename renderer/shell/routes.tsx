import type { ReactNode } from 'react';
import {
  AlertOutlined, ApartmentOutlined, DashboardOutlined, ClusterOutlined, AuditOutlined, ImportOutlined, KeyOutlined, BugOutlined, DatabaseOutlined, CalendarOutlined, CopyOutlined, DesktopOutlined, ExportOutlined, MailOutlined,
  NotificationOutlined, OrderedListOutlined, PhoneOutlined, ReadOutlined, TrophyOutlined, SafetyCertificateOutlined, ScheduleOutlined, SettingOutlined, TeamOutlined, ToolOutlined,
} from '@ant-design/icons';
import { HomePage } from '../features/home/HomePage';
import { LedgerPage } from '../features/ledgers/LedgerPage';
import { BundlesPage } from '../features/bundles/BundlesPage';
import { ConsoleImportPage } from '../features/console/ConsoleImportPage';
import { ConsoleKeysPage } from '../features/console/ConsoleKeysPage';
import { ConsoleUnitsPage } from '../features/console/ConsoleUnitsPage';
import { PolicyIssuePage } from '../features/policy/PolicyIssuePage';
import { BackupPage } from '../features/backup/BackupPage';
import { copyLedger, dutyLedger, faultLedger, incidentLedger, inspectionLedger, maintainerLedger, scanLedger, trainingLedger } from '../features/ledgers/defs';
import { DevicesPage } from '../features/devices/DevicesPage';
import { AddressPlanPage } from '../features/addressPlan/AddressPlanPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { IntegrityPage } from '../features/integrity/IntegrityPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { CheckinsPage } from '../features/checkins/CheckinsPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { SelfAssessmentPage } from '../features/evaluation/SelfAssessmentPage';
import { OfficeEvaluationPage } from '../features/evaluation/OfficeEvaluationPage';
import { RubricsPage } from '../features/evaluation/RubricsPage';
import { NetworkNoticesPage } from '../features/evaluation/NetworkNoticesPage';
import type { Permission } from '../../shared/domain/roles';
import type { MessageKey } from '../i18n';

/**
 * The app's screens, declared once: the sidebar's groups and items and what
 * each renders come from this list, and a page appears only for the roles
 * whose permission it names.
 */
export interface PageDef {
  key: string;
  group: 'home' | 'office' | 'ledgers' | 'checkins' | 'evaluation' | 'system';
  label: MessageKey;
  icon: ReactNode;
  permission: Permission;
  render: () => ReactNode;
}

export const PAGES: PageDef[] = [
  // First: the page every role lands on after signing in.
  { key: 'home', group: 'home', label: 'nav.home', icon: <DashboardOutlined />, permission: 'home.view', render: () => <HomePage /> },
  { key: 'console-units', group: 'office', label: 'nav.consoleUnits', icon: <ApartmentOutlined />, permission: 'console.use', render: () => <ConsoleUnitsPage /> },
  { key: 'console-import', group: 'office', label: 'nav.consoleImport', icon: <ImportOutlined />, permission: 'console.use', render: () => <ConsoleImportPage /> },
  { key: 'office-evaluation', group: 'office', label: 'nav.officeEvaluation', icon: <TrophyOutlined />, permission: 'console.use', render: () => <OfficeEvaluationPage /> },
  { key: 'network-notices', group: 'office', label: 'nav.networkNotices', icon: <NotificationOutlined />, permission: 'console.use', render: () => <NetworkNoticesPage /> },
  { key: 'rubrics', group: 'office', label: 'nav.rubrics', icon: <OrderedListOutlined />, permission: 'console.use', render: () => <RubricsPage /> },
  { key: 'policy-issue', group: 'office', label: 'nav.policyIssue', icon: <SafetyCertificateOutlined />, permission: 'console.use', render: () => <PolicyIssuePage /> },
  { key: 'console-keys', group: 'office', label: 'nav.consoleKeys', icon: <KeyOutlined />, permission: 'console.use', render: () => <ConsoleKeysPage /> },
  { key: 'devices', group: 'ledgers', label: 'nav.devices', icon: <DesktopOutlined />, permission: 'devices.view', render: () => <DevicesPage /> },
  { key: 'address-plan', group: 'ledgers', label: 'nav.addressPlan', icon: <ClusterOutlined />, permission: 'devices.view', render: () => <AddressPlanPage /> },
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
  { key: 'self-assessment', group: 'evaluation', label: 'nav.selfAssessment', icon: <TrophyOutlined />, permission: 'evaluation.view', render: () => <SelfAssessmentPage /> },
  { key: 'accounts', group: 'system', label: 'nav.accounts', icon: <TeamOutlined />, permission: 'accounts.manage', render: () => <AccountsPage /> },
  { key: 'bundles', group: 'system', label: 'nav.bundles', icon: <ExportOutlined />, permission: 'bundles.export', render: () => <BundlesPage /> },
  { key: 'backup', group: 'system', label: 'nav.backup', icon: <DatabaseOutlined />, permission: 'backup.manage', render: () => <BackupPage /> },
  { key: 'integrity', group: 'system', label: 'nav.integrity', icon: <SafetyCertificateOutlined />, permission: 'integrity.verify', render: () => <IntegrityPage /> },
  { key: 'settings', group: 'system', label: 'nav.settings', icon: <SettingOutlined />, permission: 'devices.view', render: () => <SettingsPage /> },
];

export const GROUP_LABEL: Record<PageDef['group'], MessageKey> = { home: 'nav.group.home', office: 'nav.group.office', ledgers: 'nav.group.ledgers', checkins: 'nav.group.checkins', evaluation: 'nav.group.evaluation', system: 'nav.group.system' };
