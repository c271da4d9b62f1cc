import { Fragment, useEffect, useMemo, useState } from 'react';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { CheckSquareOutlined, KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useAutoBackup } from '../features/backup/useAutoBackup';
import { can } from '../../shared/domain/roles';
import { useT } from '../i18n';
import { useSession } from '../state/session';
import { useSettings } from '../state/settings';
import { useIdleLock } from './useIdleLock';
import { LockScreen } from '../features/auth/LockScreen';
import { ChangePasswordDialog } from '../features/auth/ChangePasswordDialog';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { CheckinModal } from '../features/checkins/CheckinModal';
import { ReminderBanner } from '../features/checkins/ReminderBanner';
import { useCheckins } from '../features/checkins/checkinStore';
import { EVENTS_KEY } from '../../shared/ipc/channels';
import { GROUP_LABEL, PAGES } from './routes';
import { linkedPage } from '../ui/pageLink';

function pageFromHash(): string {
  return linkedPage().key;
}

export function Shell() {
  const t = useT();
  const { unit, account, locked, lock, signOut } = useSession();
  const { idleMinutes, load } = useSettings();
  const [changingPassword, setChangingPassword] = useState(false);
  const pages = useMemo(() => PAGES.filter((p) => account && can(account.role, p.permission)), [account]);
  // Every role starts at its home page, the first of the list.
  const landing = pages[0]?.key;
  const [current, setCurrent] = useState(() => pages.find((p) => p.key === pageFromHash())?.key ?? landing ?? 'settings');

  useEffect(() => {
    void load();
  }, [load]);
  // A link's filter (`#/devices?violations`) stays in the address until the page has read it.
  useEffect(() => {
    if (pageFromHash() !== current) window.location.hash = `/${current}`;
  }, [current]);
  // A link to another page (`#/scans` beside a figure) moves the menu with it.
  useEffect(() => {
    const onHash = () => {
      const key = pageFromHash();
      if (pages.some((p) => p.key === key)) setCurrent(key);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [pages]);
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
          items={(['home', 'office', 'ledgers', 'checkins', 'evaluation', 'system'] as const)
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
