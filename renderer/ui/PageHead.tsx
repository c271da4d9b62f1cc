import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** A ledger page's title, the rule it keeps (cited by article), and its actions. */
export function PageHead({ title, rule, actions }: { title: string; rule?: string; actions?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {rule && (
          <Typography.Text type="secondary" className="rule-text">
            {rule}
          </Typography.Text>
        )}
      </div>
      {actions}
    </div>
  );
}
