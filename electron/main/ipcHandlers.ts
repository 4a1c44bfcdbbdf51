import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import Ajv from 'ajv';
import { IPC_ARGUMENT_SCHEMAS, IPC_CHANNELS, type IpcChannel, type IpcHandlers } from '../../shared/ipc/contract.ts';
import { isTrustedSender } from './security.ts';

function createHandlers(getWindow: () => BrowserWindow | null): IpcHandlers {
  return {
    'app:getVersion': async () => app.getVersion(),
    'file:saveText': async ({ suggestedName, content }) => {
      const win = getWindow();
      const options = { defaultPath: suggestedName };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return { saved: false };
      await writeFile(result.filePath, content, 'utf8');
      return { saved: true };
    },
  };
}

/** Registers one handler per contract channel: sender frame checked, arguments validated, then acted on. */
export function registerIpcHandlers(getWindow: () => BrowserWindow | null): void {
  const handlers = createHandlers(getWindow);
  const ajv = new Ajv({ allErrors: true });
  for (const channel of IPC_CHANNELS) {
    const validate = ajv.compile(IPC_ARGUMENT_SCHEMAS[channel]);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event.senderFrame?.url)) throw new Error(`IPC ${channel} refused: untrusted sender`);
      if (!validate(args)) throw new Error(`IPC ${channel} refused: ${ajv.errorsText(validate.errors)}`);
      const handler = handlers[channel as IpcChannel] as (...a: unknown[]) => Promise<unknown>;
      return handler(...args);
    });
  }
}
