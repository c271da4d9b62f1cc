import { useCallback, useState } from 'react';
import { Alert, App, type FormInstance } from 'antd';
import { useT, type MessageKey } from '../i18n';
import { showWriteError } from './formErrors';

/**
 * The save step every form shares: busy while writing, a success message,
 * and on refusal the reasons beside their fields or in a banner. Nothing is
 * half-saved: the repository writes in one transaction or not at all.
 */
export function useFormWrite(form?: FormInstance) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string[]>([]);

  const run = useCallback(
    async (write: () => Promise<void>, success?: MessageKey, vars?: Record<string, string | number>): Promise<boolean> => {
      setBusy(true);
      setBanner([]);
      try {
        await write();
        if (success) void message.success(t(success, vars));
        return true;
      } catch (error) {
        setBanner(showWriteError(form, error, t));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [form, message, t],
  );

  const clearBanner = useCallback(() => setBanner([]), []);
  return { busy, banner, run, clearBanner };
}

export function WriteErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return <Alert type="error" showIcon message={messages.join('；')} style={{ marginBottom: 16 }} />;
}
