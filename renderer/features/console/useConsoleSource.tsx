import { useEffect, useMemo } from 'react';
import { Alert, Tag } from 'antd';
import { DatabaseOutlined } from '@ant-design/icons';
import { db } from '../../state/db';
import { PgConsoleError, useConsoleMode } from '../../state/consoleMode';
import { useActor } from '../../state/session';
import { useT, type Translate } from '../../i18n';
import { localSource, pgSource, type ConsoleSource } from './consoleSource';

/** The console's data source for the store the office chose; null until main said which. */
export function useConsoleSource(): ConsoleSource | null {
  const mode = useConsoleMode((s) => s.mode);
  const actor = useActor();
  useEffect(() => {
    if (mode === null) void useConsoleMode.getState().load().catch(() => useConsoleMode.setState({ mode: 'local' }));
  }, [mode]);
  return useMemo(() => (mode === null ? null : mode === 'pg' ? pgSource() : localSource(db, actor)), [mode, actor]);
}

/** A failure of the PostgreSQL store in the user's words; anything else as it came. */
export function problemText(t: Translate, error: unknown): string {
  if (error instanceof PgConsoleError) return t(`pg.failure.${error.code}`);
  return error instanceof Error ? error.message : String(error);
}

export function PgProblem({ error }: { error: unknown }) {
  const t = useT();
  if (error === null || error === undefined) return null;
  return <Alert type="error" showIcon message={problemText(t, error)} data-testid="pg-problem" />;
}

/** Says the console reads the server, beside a page's title. */
export function PgSourceTag() {
  const t = useT();
  const mode = useConsoleMode((s) => s.mode);
  return mode === 'pg' ? (
    <Tag icon={<DatabaseOutlined />} color="blue" data-testid="pg-source">
      {t('pg.source')}
    </Tag>
  ) : null;
}
