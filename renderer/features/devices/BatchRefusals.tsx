import { Alert } from 'antd';
import type { BatchRefusal } from '../../db/devices';
import { useT } from '../../i18n';
import { issueText } from '../../ui/formErrors';

/** Why a batch was refused, device by device: nothing was written, so the user fixes these and tries again. */
export function BatchRefusals({ refused }: { refused: readonly BatchRefusal[] }) {
  const t = useT();
  if (refused.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('batch.refused', { n: refused.length })}
      description={
        <ul className="batch-refusals" data-testid="batch-refusals">
          {refused.slice(0, 20).map((r) => (
            <li key={r.id}>
              {r.device ? `${r.device.ip} ${r.device.owner}：` : ''}
              {r.issues.map((i) => issueText(t, i.code, i.vars)).join('；')}
            </li>
          ))}
          {refused.length > 20 && <li>{t('batch.more', { n: refused.length })}</li>}
        </ul>
      }
    />
  );
}

/** "10.0.0.1 张三、10.0.0.2 李四 等 40 台": who a batch is about, without listing thousands. */
export function deviceList(t: ReturnType<typeof useT>, devices: readonly { ip: string; owner: string }[], shown = 6): string {
  const head = devices.slice(0, shown).map((d) => `${d.ip} ${d.owner}`).join('、');
  return devices.length > shown ? `${head} ${t('batch.more', { n: devices.length })}` : head;
}
