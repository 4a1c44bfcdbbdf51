import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/**
 * Opens an exported HTML document (a report, a postmortem) from a file in a page of its own, counting every request
 * other than the file itself and every console error; with what the page holds (tables, drawn figures, elements that
 * would run or fetch) and its text.
 */
export async function openDocument(context: BrowserContext, html: string, dir: string, name = 'report.html'): Promise<{ requests: string[]; errors: string[]; tables: number; figures: number; active: string[]; text: string }> {
  const path = join(dir, name);
  writeFileSync(path, html);
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  const url = `file://${path}`;
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`a dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  const found = await page.evaluate(() => ({
    tables: document.querySelectorAll('table').length,
    figures: document.querySelectorAll('figure svg').length,
    active: [...document.querySelectorAll('script, img, a, iframe, object, embed, link, foreignObject, image, use')].map((e) => e.tagName),
    text: document.body.innerText,
  }));
  await page.close();
  return { requests, errors, ...found };
}
