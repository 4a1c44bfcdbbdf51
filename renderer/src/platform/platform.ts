import type { FileFilter, WorkbenchApi } from '../../../shared/ipc/contract.ts';

/** A file the user chose, as a Blob the import worker can stream. */
export interface ChosenFile {
  name: string;
  file: Blob;
}

/**
 * The seam between the UI and where it runs: Electron (native dialogs through window.api) or a plain
 * browser (a file input and downloads). Screens only ever talk to this interface.
 */
export interface Platform {
  kind: 'electron' | 'browser';
  openFile(request: { title: string; filters: FileFilter[] }): Promise<ChosenFile | null>;
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
    openFile: async (request) => {
      const opened = await api['file:open'](request);
      return opened ? { name: opened.name, file: new Blob([opened.bytes as Uint8Array<ArrayBuffer>]) } : null;
    },
    saveTextFile: async (suggestedName, content) => (await api['file:saveText']({ suggestedName, content })).saved,
  };
}

export function createBrowserPlatform(doc: Document = document): Platform {
  return {
    kind: 'browser',
    openFile: ({ filters }) =>
      new Promise<ChosenFile | null>((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
        input.style.display = 'none';
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          input.remove();
          resolve(file ? { name: file.name, file } : null);
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
