import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type WorkbenchApi } from '../../shared/ipc/contract.ts';

// One method per contract channel and nothing else: the renderer never sees ipcRenderer itself.
const api = Object.fromEntries(
  IPC_CHANNELS.map((channel) => [channel, (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)]),
) as unknown as WorkbenchApi;

contextBridge.exposeInMainWorld('api', api);
