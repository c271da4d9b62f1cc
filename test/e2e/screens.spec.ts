import { test, expect, type Page } from '@playwright/test';
import { addAccount, shot, signIn, signOut, unitWithDevice } from './helpers';

// Every page on the screens most unit PCs have (issue 10 §3): the window never
// scrolls, the header stays, the whole menu can be reached, and a list's
// actions are on screen. The screenshots are for people to look at.
test.describe.configure({ mode: 'serial' });

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;
const AUDITOR = { username: 'kaohe', name: '市信息办考核员', password: 'Kaohe2026pass' };

let page: Page;

/** What the window itself would scroll: nothing, at either size. */
async function windowOverflow(p: Page) {
  return p.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return { x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight };
  });
}

async function walkMenu(prefix: string) {
  const items = page.getByRole('menu').first().getByRole('menuitem');
  await expect(items.first()).toBeVisible();
  const names = (await items.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
  expect(names.length).toBeGreaterThan(3);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const [i, name] of names.entries()) {
      const item = items.nth(i);
      // The last items sit below the fold on a small screen: the sidebar scrolls to them on its own.
      await item.scrollIntoViewIfNeeded();
      await expect(item).toBeInViewport();
      await item.click();
      await expect(page.locator('.page').first()).toBeVisible();
      await page.waitForTimeout(300); // lists and charts settle
      expect(await windowOverflow(page), `${name} at ${size.width}×${size.height}`).toEqual({ x: 0, y: 0 });
      // The header stays in view whatever the page holds.
      await expect(page.getByTestId('user-menu')).toBeInViewport();
      // A list's 操作 column is on screen, not off to the right.
      const actions = page.getByRole('columnheader', { name: '操作', exact: true });
      if ((await actions.count()) > 0) await expect(actions.first()).toBeInViewport();
      if (size.width === 1366) await shot(page, `${prefix}-${String(i + 1).padStart(2, '0')}-${name}`);
    }
  }
  await page.setViewportSize(SIZES[0]);
}

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
  await unitWithDevice(page, { ip: '10.20.1.11', mac: '00-1A-2B-3C-4D-11', owner: '李明', office: '信息科' });
});

test('every page of a unit fits 1366×768 and 1280×720', async () => {
  await walkMenu('90-unit');
});

test('every page of the office console fits too', async () => {
  await addAccount(page, { ...AUDITOR, role: '考核人员（市信息办）' });
  await signOut(page);
  await signIn(page, AUDITOR.username, AUDITOR.password);
  await walkMenu('91-office');
});
