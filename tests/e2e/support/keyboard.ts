import type { Page } from 'playwright-core';

/** Presses Tab until the element matching the selector has focus; fails if Tab never reaches it. */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const reached = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
    if (reached) return;
  }
  throw new Error(`Tab never reached ${selector} within ${maxPresses} presses`);
}
