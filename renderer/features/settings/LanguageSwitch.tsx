import { Segmented } from 'antd';
import { useLang, type Lang } from '../../i18n';

export function LanguageSwitch() {
  const { lang, setLang } = useLang();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      aria-label="language"
    />
  );
}
