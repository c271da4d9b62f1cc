import type { ReactNode } from 'react';
import { Card } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';

export type Tone = 'ok' | 'warn' | 'bad' | 'plain';

/** One figure of the home page with the link to the records behind it. */
export function HomeCard({ title, href, tone = 'plain', testId, children }: { title: string; href?: string; tone?: Tone; testId?: string; children: ReactNode }) {
  const t = useT();
  return (
    <Card
      size="small"
      title={title}
      className={`home-card tone-${tone}`}
      data-testid={testId}
      extra={
        href && (
          <a href={href} className="home-open">
            {t('home.open')} <RightOutlined />
          </a>
        )
      }
    >
      {children}
    </Card>
  );
}
