import { useEffect } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useLang, useT } from '../i18n';
import { useSession } from '../state/session';
import { SetupWizard } from '../features/setup/SetupWizard';
import { SignInPage } from '../features/auth/SignInPage';
import { Shell } from './Shell';

export function App() {
  const lang = useLang((s) => s.lang);
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#b5222d', colorLink: '#b5222d', borderRadius: 4 } }}>
      <AntApp>
        <Screens />
      </AntApp>
    </ConfigProvider>
  );
}

function Screens() {
  const t = useT();
  const phase = useSession((s) => s.phase);
  const load = useSession((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  switch (phase) {
    case 'loading':
      return <Spin fullscreen tip={t('common.loading')} />;
    case 'setup':
      return <SetupWizard />;
    case 'signin':
      return <SignInPage />;
    case 'ready':
      return <Shell />;
  }
}
