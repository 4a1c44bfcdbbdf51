import type { WorkbenchApi } from '../../../shared/ipc/contract.ts';

/** Which files a chooser offers: a name and the extensions (without the dot). */
export interface FileFilter {
  name: string;
  extensions: string[];
}

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
  /** The files the user chose (several when `multiple`); none when cancelled. */
  openFiles(request: { title: string; filters: FileFilter[]; multiple?: boolean }): Promise<ChosenFile[]>;
  saveTextFile(suggestedName: string, content: string, mimeType: string): Promise<boolean>;
  saveBinaryFile(suggestedName: string, content: Uint8Array, mimeType: string): Promise<boolean>;
  /** The page as it prints, to a PDF: Electron's printToPDF; in a browser its print dialog (which saves PDFs too). */
  printToPdf(suggestedName: string): Promise<boolean>;
}

declare global {
  interface Window {
    api?: WorkbenchApi;
  }
}

/**
 * Files are opened through a file input in Electron too: Electron shows its native dialog for it and hands
 * over a File backed by the file on disk, which the import worker reads slice by slice. Reading the file in
 * the main process and copying it over IPC would hold the whole of it in memory twice.
 */
function openFilesWithInput(doc: Document): Platform['openFiles'] {
  return ({ filters, multiple }) =>
    new Promise<ChosenFile[]>((resolve) => {
      const input = doc.createElement('input');
      input.type = 'file';
      input.multiple = multiple === true;
      input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
      input.style.display = 'none';
      input.addEventListener('change', () => {
        const files = [...(input.files ?? [])];
        input.remove();
        resolve(files.map((file) => ({ name: file.name, file })));
      });
      input.addEventListener('cancel', () => {
        input.remove();
        resolve([]);
      });
      doc.body.append(input);
      input.click();
    });
}

export function createElectronPlatform(api: WorkbenchApi, doc: Document = document): Platform {
  return {
    kind: 'electron',
    openFiles: openFilesWithInput(doc),
    saveTextFile: async (suggestedName, content) => (await api['file:saveText']({ suggestedName, content })).saved,
    saveBinaryFile: async (suggestedName, content) => (await api['file:saveBytes']({ suggestedName, base64: toBase64(content) })).saved,
    printToPdf: async (suggestedName) => (await api['file:printToPdf']({ suggestedName })).saved,
  };
}

/** Base64 of bytes, a chunk at a time (String.fromCharCode over a whole file would overflow the stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function download(doc: Document, suggestedName: string, blob: Blob): boolean {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = suggestedName;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

export function createBrowserPlatform(doc: Document = document): Platform {
  return {
    kind: 'browser',
    openFiles: openFilesWithInput(doc),
    saveTextFile: async (suggestedName, content, mimeType) => download(doc, suggestedName, new Blob([content], { type: mimeType })),
    saveBinaryFile: async (suggestedName, content, mimeType) => download(doc, suggestedName, new Blob([content as Uint8Array<ArrayBuffer>], { type: mimeType })),
    printToPdf: async () => {
      doc.defaultView?.print();
      return true;
    },
  };
}

let current: Platform | null = null;

export function getPlatform(): Platform {
  current ??= window.api ? createElectronPlatform(window.api) : createBrowserPlatform();
  return current;
}
