import type { UNIT_KEY_FAILURES } from '../../../shared/ipc/contract';
import { invoke } from '../../app/ipc';
import type { MessageKey } from '../../app/i18n';

export type KeyFailure = (typeof UNIT_KEY_FAILURES)[number];

export const keyFailureText = (code: KeyFailure): MessageKey => `key.fail.${code}`;

/** The administrator's sign-in password, checked against the account before main is asked to use the key. */
export async function passwordMatches(password: string, hash: string | undefined): Promise<boolean> {
  if (!hash || password === '') return false;
  return (await invoke('auth:verifyPassword', { password, hash })).ok;
}
