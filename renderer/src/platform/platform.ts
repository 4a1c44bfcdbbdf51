import type { FileFilter, OpenedFile, WorkbenchApi } from '../../../shared/ipc/contract.ts';

/**
 * The seam between the UI and where it runs: Electron (native dialogs through window.api) or a plain
 * browser (a file input and downloads). Screens only ever talk to this interface.
 */
export interface Platform {
  kind: 'electron' | 'browser';
  openTextFile(request: { title: string; filters: FileFilter[] }): Promise<OpenedFile | null>;
  saveTextFile(suggestedName: string, content: string, mimeType: string): Promise<boolean>;
}

declare global {
  interface Window {
    api?: WorkbenchApi;
  }
}

export function createElectronPlatform(api: WorkbenchApi): Platform {
  return {
    kind: 'electron',
    openTextFile: (request) => api['file:openText'](request),
    saveTextFile: async (suggestedName, content) => (await api['file:saveText']({ suggestedName, content })).saved,
  };
}

export function createBrowserPlatform(doc: Document = document): Platform {
  return {
    kind: 'browser',
    openTextFile: ({ filters }) =>
      new Promise<OpenedFile | null>((resolve, reject) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
        input.style.display = 'none';
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          input.remove();
          if (!file) return resolve(null);
          file.text().then((text) => resolve({ name: file.name, text }), reject);
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve(null);
        });
        doc.body.append(input);
        input.click();
      }),
    saveTextFile: async (suggestedName, content, mimeType) => {
      const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
      const a = doc.createElement('a');
      a.href = url;
      a.download = suggestedName;
      a.style.display = 'none';
      doc.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
  };
}

let current: Platform | null = null;

export function getPlatform(): Platform {
  current ??= window.api ? createElectronPlatform(window.api) : createBrowserPlatform();
  return current;
}
