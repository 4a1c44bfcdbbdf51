import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent } from 'electron';
import Ajv from 'ajv';
import { IPC_ARGUMENT_SCHEMAS, IPC_CHANNELS, type IpcChannel, type IpcHandlers } from '../../shared/ipc/contract.ts';
import { isTrustedSender } from './security.ts';

/** What the handlers need from Electron and Node, passed in so a test can give fakes (no Electron import here). */
export interface HandlerDeps {
  appVersion: () => string;
  dialog: Pick<Dialog, 'showSaveDialog'>;
  getWindow: () => BrowserWindow | null;
  writeTextFile: (path: string, content: string) => Promise<void>;
  writeBinaryFile: (path: string, content: Uint8Array) => Promise<void>;
  /** The window printed to PDF (Electron's webContents.printToPDF). */
  printToPdf: () => Promise<Uint8Array>;
}

export function createHandlers(deps: HandlerDeps): IpcHandlers {
  const askWhereToSave = async (suggestedName: string): Promise<string | null> => {
    const win = deps.getWindow();
    const options = { defaultPath: suggestedName };
    const result = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  return {
    'app:getVersion': async () => deps.appVersion(),
    'file:saveText': async ({ suggestedName, content }) => {
      const path = await askWhereToSave(suggestedName);
      if (path === null) return { saved: false };
      await deps.writeTextFile(path, content);
      return { saved: true };
    },
    'file:saveBytes': async ({ suggestedName, base64 }) => {
      const path = await askWhereToSave(suggestedName);
      if (path === null) return { saved: false };
      await deps.writeBinaryFile(path, Buffer.from(base64, 'base64'));
      return { saved: true };
    },
    'file:printToPdf': async ({ suggestedName }) => {
      const path = await askWhereToSave(suggestedName);
      if (path === null) return { saved: false };
      await deps.writeBinaryFile(path, await deps.printToPdf());
      return { saved: true };
    },
  };
}

/**
 * Registers one handler per contract channel on `ipc` (Electron's ipcMain, or a fake in a test): the sender
 * frame is checked and the arguments validated against the contract's schema before the handler acts.
 */
export function registerIpcHandlers(ipc: Pick<IpcMain, 'handle'>, handlers: IpcHandlers): void {
  const ajv = new Ajv({ allErrors: true });
  for (const channel of IPC_CHANNELS) {
    const validate = ajv.compile(IPC_ARGUMENT_SCHEMAS[channel]);
    ipc.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event.senderFrame?.url)) throw new Error(`IPC ${channel} refused: untrusted sender`);
      if (!validate(args)) throw new Error(`IPC ${channel} refused: ${ajv.errorsText(validate.errors)}`);
      const handler = handlers[channel as IpcChannel] as (...a: unknown[]) => Promise<unknown>;
      return handler(...args);
    });
  }
}
