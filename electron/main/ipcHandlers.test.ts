import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../shared/ipc/contract.ts';
import { createHandlers, registerIpcHandlers, type HandlerDeps } from './ipcHandlers.ts';
import { APP_ORIGIN } from './security.ts';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** ipcMain as the handlers see it: channels registered, then invoked as a renderer frame would. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
    channels: () => [...handlers.keys()],
    invoke: (channel: string, frameUrl: string | undefined, ...args: unknown[]) =>
      handlers.get(channel)!({ senderFrame: frameUrl === undefined ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent, ...args),
  };
}

function setUp(saveTo: string | null) {
  const written: Array<{ path: string; content: string }> = [];
  const deps: HandlerDeps = {
    appVersion: () => '9.9.9',
    dialog: { showSaveDialog: async () => ({ canceled: saveTo === null, filePath: saveTo ?? '' }) },
    getWindow: () => null,
    writeTextFile: async (path, content) => void written.push({ path, content }),
    writeBinaryFile: async (path, content) => void written.push({ path, content: `bytes:${Buffer.from(content).toString('hex')}` }),
    printToPdf: async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]),
  };
  const ipc = fakeIpcMain();
  registerIpcHandlers(ipc, createHandlers(deps));
  return { ipc, written };
}

describe('IPC handlers behind the contract', () => {
  it('registers exactly the contract channels', () => {
    expect(setUp(null).ipc.channels().sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('answers the app own frame, with arguments that match the contract', async () => {
    const { ipc, written } = setUp('/home/u/labels.csv');
    expect(await ipc.invoke('app:getVersion', `${APP_ORIGIN}/index.html`)).toBe('9.9.9');
    expect(await ipc.invoke('file:saveText', `${APP_ORIGIN}/index.html`, { suggestedName: 'labels.csv', content: 'a,b' })).toEqual({ saved: true });
    expect(written).toEqual([{ path: '/home/u/labels.csv', content: 'a,b' }]);
  });

  it('saves bytes sent as base64, and refuses text that is not base64', async () => {
    const { ipc, written } = setUp('/home/u/study.zip');
    const app = `${APP_ORIGIN}/index.html`;
    expect(await ipc.invoke('file:saveBytes', app, { suggestedName: 'study.zip', base64: Buffer.from([0, 255, 16]).toString('base64') })).toEqual({ saved: true });
    expect(written).toEqual([{ path: '/home/u/study.zip', content: 'bytes:00ff10' }]);
    await expect(ipc.invoke('file:saveBytes', app, { suggestedName: 'study.zip', base64: 'not base64!' })).rejects.toThrow(/refused/);
  });

  it('prints the window to a PDF where the user says, and only to a .pdf name', async () => {
    const { ipc, written } = setUp('/home/u/report.pdf');
    const app = `${APP_ORIGIN}/index.html`;
    expect(await ipc.invoke('file:printToPdf', app, { suggestedName: 'report.pdf' })).toEqual({ saved: true });
    expect(written).toEqual([{ path: '/home/u/report.pdf', content: 'bytes:25504446' }]);
    await expect(ipc.invoke('file:printToPdf', app, { suggestedName: 'report.html' })).rejects.toThrow(/refused/);
    await expect(ipc.invoke('file:printToPdf', app, { suggestedName: '../report.pdf' })).rejects.toThrow(/refused/);
  });

  it('refuses a frame from any other origin, or none, before acting', async () => {
    const { ipc, written } = setUp('/home/u/x.csv');
    for (const frame of ['https://evil.example/', 'file:///etc/passwd', undefined]) {
      await expect(ipc.invoke('file:saveText', frame, { suggestedName: 'x.csv', content: 'x' })).rejects.toThrow(/untrusted sender/);
    }
    expect(written).toEqual([]);
  });

  it('refuses arguments the contract does not allow, before acting', async () => {
    const { ipc, written } = setUp('/home/u/x.csv');
    const app = `${APP_ORIGIN}/index.html`;
    await expect(ipc.invoke('file:saveText', app, { suggestedName: '../../.bashrc', content: 'x' })).rejects.toThrow(/refused/);
    await expect(ipc.invoke('file:saveText', app, { suggestedName: 'x.csv', content: 42 })).rejects.toThrow(/refused/);
    await expect(ipc.invoke('file:saveText', app, { suggestedName: 'x.csv', content: 'x', extra: true })).rejects.toThrow(/refused/);
    await expect(ipc.invoke('app:getVersion', app, 'unexpected')).rejects.toThrow(/refused/);
    expect(written).toEqual([]);
  });

  it('writes nothing when the user cancels the save dialog', async () => {
    const { ipc, written } = setUp(null);
    expect(await ipc.invoke('file:saveText', `${APP_ORIGIN}/index.html`, { suggestedName: 'x.csv', content: 'x' })).toEqual({ saved: false });
    expect(written).toEqual([]);
  });
});
