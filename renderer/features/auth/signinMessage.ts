import type { SigninResult } from '../../state/session';
import type { Translate } from '../../i18n';
import { formatTime } from '../../ui/format';
import { MAX_FAILED_SIGNINS } from '../../../shared/domain/account';

export function signinFailureText(t: Translate, result: Exclude<SigninResult, { ok: true }>): string {
  if ('lockedUntil' in result) return t('signin.locked', { time: formatTime(result.lockedUntil) });
  return result.left < MAX_FAILED_SIGNINS - 1 ? t('signin.failedLeft', { n: result.left }) : t('signin.failed');
}
