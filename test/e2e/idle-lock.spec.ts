import { test, expect } from '@playwright/test';
import { ADMIN, completeSetup, setIdleMinutes, shot, signIn } from './helpers';

test('the app locks itself after the configured idle time', async ({ page }) => {
  await page.clock.install();
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 2);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();

  // Not yet: a minute and a half of quiet.
  await page.clock.fastForward('01:30');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.clock.fastForward('00:40');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('会话已锁定')).toBeVisible();
  await page.clock.runFor(1000);
  await shot(page, '13-idle-locked');
  await dialog.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await dialog.getByRole('button', { name: '解锁' }).click();
  await expect(dialog).toBeHidden();
});
