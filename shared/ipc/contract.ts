/**
 * The one IPC contract between the renderer and Electron's main process. The preload's allow-list and
 * the main handlers are both derived from it, so the three cannot drift apart.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** A file the user chose: its name and its bytes (decoded, streamed, by the import worker). */
export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

export interface IpcContract {
  'app:getVersion': () => Promise<string>;
  /** The files the user chose (several when `multiple`); none when the dialog was cancelled. */
  'file:open': (request: { title: string; filters: FileFilter[]; multiple?: boolean }) => Promise<OpenedFile[]>;
  'file:saveText': (request: { suggestedName: string; content: string }) => Promise<{ saved: boolean }>;
}

export type IpcChannel = keyof IpcContract;

/** What window.api exposes: one method per channel, same name, same signature. */
export type WorkbenchApi = { [C in IpcChannel]: IpcContract[C] };

/** The handler of each channel in main: the same signature, with the arguments validated first. */
export type IpcHandlers = { [C in IpcChannel]: (...args: Parameters<IpcContract[C]>) => ReturnType<IpcContract[C]> };

const filterSchema = {
  type: 'object',
  required: ['name', 'extensions'],
  additionalProperties: false,
  properties: { name: { type: 'string' }, extensions: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9*]+$' } } },
} as const;

/** JSON Schema of each channel's argument list; main refuses a call that does not match. */
export const IPC_ARGUMENT_SCHEMAS = {
  'app:getVersion': { type: 'array', maxItems: 0 },
  'file:open': {
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: [
      {
        type: 'object',
        required: ['title', 'filters'],
        additionalProperties: false,
        properties: { title: { type: 'string', maxLength: 200 }, filters: { type: 'array', items: filterSchema }, multiple: { type: 'boolean' } },
      },
    ],
  },
  'file:saveText': {
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: [
      {
        type: 'object',
        required: ['suggestedName', 'content'],
        additionalProperties: false,
        properties: { suggestedName: { type: 'string', maxLength: 255, pattern: '^[^/\\\\]+$' }, content: { type: 'string' } },
      },
    ],
  },
} as const satisfies Record<IpcChannel, object>;

export const IPC_CHANNELS = Object.keys(IPC_ARGUMENT_SCHEMAS) as IpcChannel[];
