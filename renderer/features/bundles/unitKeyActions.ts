import type { UNIT_KEY_FAILURES } from '../../../shared/ipc/contract';
import type { MessageKey } from '../../i18n';

export type KeyFailure = (typeof UNIT_KEY_FAILURES)[number];

export const keyFailureText = (code: KeyFailure): MessageKey => `key.fail.${code}`;
