import type { Page } from 'playwright-core';
import type { Dimension } from '../../../shared/model/labels.ts';
import type { Screen } from '../../../renderer/src/store/navigation.ts';

/** Page object of the app: every step a user takes, by data-testid, waiting on app state (never sleeping). */
export class WorkbenchPage {
  constructor(readonly page: Page) {}

  async go(screen: Screen): Promise<void> {
    await this.page.click(`[data-testid="nav-${screen}"]`);
    await this.page.waitForSelector(`[data-testid="screen-${screen}"]`);
  }

  async chooseImportFile(path: string): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.page.click('[data-testid="choose-file"]')]);
    await chooser.setFiles(path);
    await this.page.waitForSelector('[data-testid="mapping-preview"]');
  }

  /** Chooses several files at once in the multi-file chooser (in this order); waits for the mapping of the first. */
  async chooseImportFiles(paths: readonly string[]): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.page.click('[data-testid="choose-file"]')]);
    await chooser.setFiles([...paths]);
    await this.page.waitForSelector('[data-testid="mapping-preview"]');
  }

  async mappedColumn(field: string): Promise<string> {
    return this.page.inputValue(`[data-testid="map-${field}"]`);
  }

  /** Starts the import and waits for it to be done; a large file may take minutes on a busy 2-core machine. */
  async startImportAndWait(timeoutMs = 30_000): Promise<string> {
    await this.page.click('[data-testid="start-import"]');
    const done = await this.page.waitForSelector('[data-testid="import-done"]', { timeout: timeoutMs });
    return (await done.textContent()) ?? '';
  }

  /** The id of the study open now, and its database's name. */
  async openStudy(): Promise<{ id: string; dbName: string }> {
    const app = await this.page.waitForSelector('[data-testid="app"][data-ready="true"]');
    return { id: (await app.getAttribute('data-study-id'))!, dbName: (await app.getAttribute('data-study-db'))! };
  }

  /** Creates a study on the Study screen and waits until it is the open one. */
  async createStudy(name: string): Promise<void> {
    await this.go('study');
    await this.page.fill('[data-testid="new-study-name"]', name);
    await this.page.click('[data-testid="create-study"]');
    await this.page.waitForSelector(`[data-testid="study-row"][aria-current="true"][data-study-name="${name}"]`);
  }

  async switchToStudy(name: string): Promise<void> {
    await this.go('study');
    await this.page.click(`[data-testid="study-row"][data-study-name="${name}"] [data-testid="open-study"]`);
    await this.page.waitForSelector(`[data-testid="study-row"][aria-current="true"][data-study-name="${name}"]`);
    await this.page.waitForSelector('[data-testid="app"][data-ready="true"]');
  }

  async addPerson(name: string, role: 'annotator' | 'lead' = 'annotator'): Promise<void> {
    await this.go('study');
    await this.page.fill('[data-testid="new-person-name"]', name);
    await this.page.selectOption('[data-testid="new-person-role"]', role);
    await this.page.click('[data-testid="add-person"]');
    await this.page.waitForSelector(`[data-testid="person-row"][data-person-name="${name}"]`);
  }

  async renamePerson(from: string, to: string): Promise<void> {
    await this.go('study');
    const row = this.page.locator(`[data-testid="person-row"][data-person-name="${from}"]`);
    await row.locator('[data-testid="person-name"]').fill(to);
    await row.locator('[data-testid="rename-person"]').click();
    await this.page.waitForSelector(`[data-testid="person-row"][data-person-name="${to}"]`);
  }

  /** The lead unblinds a round on the Study screen. */
  async unblind(round: number): Promise<void> {
    await this.go('study');
    await this.page.click(`[data-testid="round-blinding"][data-round="${round}"] [data-testid="unblind-round"]`);
    await this.page.waitForSelector(`[data-testid="round-blinding"][data-round="${round}"][data-unblinded="true"]`);
  }

  /** The study's current round, as the lead sets it on the Study screen. */
  async setRound(round: number): Promise<void> {
    await this.go('study');
    await this.page.fill('[data-testid="current-round"]', String(round));
    await this.page.waitForSelector(`[data-testid="study-badge"]:has-text("round ${round}")`);
  }

  /** Exports the open study and returns the bytes of the study file. */
  async exportStudy(): Promise<Buffer> {
    await this.go('study');
    const [file] = await Promise.all([this.page.waitForEvent('download'), this.page.click('[data-testid="export-study"]')]);
    const { readFileSync } = await import('node:fs');
    return readFileSync((await file.path())!);
  }

  async importStudy(path: string): Promise<string> {
    await this.go('study');
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.page.click('[data-testid="import-study"]')]);
    await chooser.setFiles(path);
    const message = await this.page.waitForSelector('[data-testid="study-message"]:has-text("mport")');
    return (await message.textContent()) ?? '';
  }

  /** Deletes a study through its confirmation; returns what the confirmation said would go. */
  async deleteStudy(name: string): Promise<string> {
    await this.go('study');
    await this.page.click(`[data-testid="study-row"][data-study-name="${name}"] [data-testid="delete-study"]`);
    const said = (await this.page.textContent('[data-testid="delete-confirmation"]')) ?? '';
    await this.page.click('[data-testid="delete-confirmation-danger"]');
    // Deleting the open study opens another first: the screen is drawn again (for a moment with no list at all, then
    // with the row still there) before the study goes. Done is a drawn list of studies without it (there is always
    // one study: deleting the last makes a new one).
    await this.page.waitForFunction(
      (n) => {
        const rows = [...document.querySelectorAll('[data-testid="study-row"]')];
        return rows.length > 0 && !rows.some((row) => row.getAttribute('data-study-name') === n);
      },
      name,
      { polling: 'raf' },
    );
    return said;
  }

  /** The passphrase the specs give each person who must protect their view: derived from the name, so any spec can switch back. */
  static passphraseOf(name: string): string {
    return `pass-${name}`;
  }

  /**
   * Works on this machine as `name` from now on, as a person would on the Study screen: the switch is logged; a
   * person handing over who holds blind codes (or is a lead) sets a passphrase first, and one switched to who has a
   * passphrase gives it. Ends on the Code screen.
   */
  async codeAs(name: string): Promise<void> {
    await this.switchPerson(name);
    await this.go('code');
    await this.page.waitForSelector(`[data-testid="coding-as"]:has-text("${name}")`);
    await this.page.waitForSelector('[data-testid="coded-count"]:not(:has-text("Counting"))');
  }

  async switchPerson(name: string): Promise<void> {
    await this.go('study');
    const currentName = () => this.page.getAttribute('[data-testid="identity-current"]', 'data-person-name');
    if ((await currentName()) === name) return;
    // A machine starts with its lead, as a study does: the lead can hand it to anyone and come back with a passphrase.
    const offered = await this.page.$$eval('[data-testid="switch-person"] option', (options) => options.map((o) => o.textContent ?? ''));
    if ((await currentName()) === '' && name !== 'Lead' && offered.some((l) => l.startsWith('Lead ('))) await this.switchPerson('Lead');
    const current = await currentName();
    await this.page.selectOption('[data-testid="switch-person"]', { label: await this.personOption(name) });
    await this.page.click('[data-testid="switch-person-go"]');
    const next = await this.page.waitForSelector(`[data-testid="protect-first"], [data-testid="target-passphrase"], [data-testid="identity-current"][data-person-name="${name}"]`);
    if ((await next.getAttribute('data-testid')) === 'protect-first') {
      await this.page.fill('[data-testid="protect-secret"]', WorkbenchPage.passphraseOf(current ?? ''));
      await this.page.fill('[data-testid="protect-again"]', WorkbenchPage.passphraseOf(current ?? ''));
      await this.page.click('[data-testid="protect-go"]');
      await this.page.waitForSelector(`[data-testid="target-passphrase"], [data-testid="identity-current"][data-person-name="${name}"]`);
    }
    if (await this.page.$('[data-testid="target-passphrase"]')) {
      await this.page.fill('[data-testid="target-secret"]', WorkbenchPage.passphraseOf(name));
      await this.page.click('[data-testid="target-go"]');
    }
    await this.page.waitForSelector(`[data-testid="identity-current"][data-person-name="${name}"]`);
  }

  private async personOption(name: string): Promise<string> {
    const labels = await this.page.$$eval('[data-testid="switch-person"] option', (options) => options.map((o) => o.textContent ?? ''));
    const label = labels.find((l) => l.startsWith(`${name} (`));
    if (!label) throw new Error(`${name} is not offered to switch to (offered: ${labels.join(', ')})`);
    return label;
  }

  async selectIncident(incidentId: string): Promise<void> {
    // Ids come from files (quotes, brackets, formulas): quoted as CSS strings.
    const id = JSON.stringify(incidentId);
    await this.page.click(`[data-testid="incident-row"][data-incident-id=${id}]`);
    await this.page.waitForSelector(`[data-testid="incident-row"][data-incident-id=${id}][aria-selected="true"]`);
    await this.page.waitForSelector(`[data-testid="coding-form"][data-incident-id=${id}]`);
  }

  async codeValue(dimension: Dimension): Promise<string> {
    return (await this.page.getAttribute(`[data-testid="code-${dimension}"]`, 'data-value')) ?? '';
  }

  /** Picks a code in a dimension's picker by typing its path and Enter; resolves once IndexedDB has saved it. */
  async pick(dimension: Dimension, code: string): Promise<void> {
    await this.page.fill(`[data-testid="code-${dimension}-input"]`, code);
    await this.page.press(`[data-testid="code-${dimension}-input"]`, 'Enter');
  }

  /** Codes one incident (staying on it: the spec's next step chooses where to go). */
  async code(incidentId: string, codes: Record<Dimension, string>): Promise<void> {
    await this.stayOnCodedIncidents();
    await this.selectIncident(incidentId);
    for (const [dimension, code] of Object.entries(codes)) {
      await this.pick(dimension, code);
      await this.page.waitForSelector(`[data-testid="code-${dimension}"][data-value=${JSON.stringify(code)}]`);
    }
    await this.page.waitForSelector('[data-testid="save-state"][data-state="saved"]');
  }

  /** Turns off "next incident once every dimension has a code", for specs that code incidents by id. */
  async stayOnCodedIncidents(): Promise<void> {
    const box = await this.page.$('[data-testid="auto-advance"]');
    if (box && (await box.isChecked())) await box.uncheck();
  }

  /** A number of the agreement table, once the worker has computed the view for the scope chosen now. */
  async agreementValue(kind: 'n' | 'po' | 'pe' | 'kappa', dimension: Dimension): Promise<number | null> {
    await this.page.waitForSelector('[data-testid="agreement-table"][data-computing="false"]');
    const raw = await this.page.getAttribute(`[data-testid="${kind}-${dimension}"]`, 'data-value');
    return raw === null || raw === '' ? null : Number(raw);
  }

  async queueStatus(): Promise<string> {
    return (await this.page.textContent('[data-testid="queue-status"]')) ?? '';
  }

  async resolve(incidentId: string, dimension: Dimension, choice: 'a' | 'b' | { other: string }, why: string, codebookProposal?: string): Promise<void> {
    await this.page.click(`[data-testid="queue-item"][data-incident-id="${incidentId}"][data-dimension="${dimension}"]`);
    await this.page.waitForSelector(`[data-testid="queue-item"][data-incident-id="${incidentId}"][data-dimension="${dimension}"][aria-current="true"]`);
    if (typeof choice === 'string') await this.page.check(`[data-testid="choose-${choice}"]`);
    else {
      await this.page.check('[data-testid="choose-other"]');
      await this.page.selectOption('[data-testid="other-code"]', choice.other);
    }
    await this.page.fill('[data-testid="resolution-rationale"]', why);
    if (codebookProposal) await this.page.fill('[data-testid="codebook-proposal"]', codebookProposal);
    await this.page.click('[data-testid="save-resolution"]');
    await this.page.waitForSelector(`[data-testid="queue-item"][data-incident-id="${incidentId}"][data-dimension="${dimension}"][data-resolved="true"]`);
  }

  /** Every cell of a heatmap table of the Analysis screen, keyed "row code|column code"; null for an empty row. */
  async heatmapShares(tableId = 'heatmap-symptom-rootCause'): Promise<Map<string, number | null>> {
    await this.page.waitForSelector(`[data-table-id="${tableId}"]`);
    const cells = await this.page.$$eval(`[data-table-id="${tableId}"] tbody td[data-column-key]`, (els) =>
      els.map((e) => [`${e.closest('tr')!.getAttribute('data-row-key')}|${e.getAttribute('data-column-key')}`, e.getAttribute('data-value') ?? ''] as const),
    );
    return new Map(cells.map(([key, share]) => [key, share === '' ? null : Number(share)]));
  }

  /** What a chart of the Analysis screen draws (its ECharts option). */
  async chartOption<T = { xAxis: { data: string[] }; yAxis: { data: string[] }; series: Array<{ data: unknown[] }> }>(chartId: string): Promise<T> {
    return JSON.parse((await this.page.getAttribute(`[data-chart-id="${chartId}"] [data-option]`, 'data-option')) ?? '{}') as T;
  }

}
