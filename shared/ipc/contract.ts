/**
 * The one IPC contract between the renderer and Electron's main process. The preload's allow-list and
 * the main handlers are both derived from it, so the three cannot drift apart.
 */
export interface IpcContract {
  'app:getVersion': () => Promise<string>;
  'file:saveText': (request: { suggestedName: string; content: string }) => Promise<{ saved: boolean }>;
  /** A binary file (a study file), as base64: IPC arguments are checked as JSON, and JSON has no bytes. */
  'file:saveBytes': (request: { suggestedName: string; base64: string }) => Promise<{ saved: boolean }>;
  /** The window as it prints (its print stylesheet: the report without the app's controls) saved as a PDF. */
  'file:printToPdf': (request: { suggestedName: string }) => Promise<{ saved: boolean }>;
}

export type IpcChannel = keyof IpcContract;

/** What window.api exposes: one method per channel, same name, same signature. */
export type WorkbenchApi = { [C in IpcChannel]: IpcContract[C] };

/** The handler of each channel in main: the same signature, with the arguments validated first. */
export type IpcHandlers = { [C in IpcChannel]: (...args: Parameters<IpcContract[C]>) => ReturnType<IpcContract[C]> };

/** JSON Schema of each channel's argument list; main refuses a call that does not match. */
export const IPC_ARGUMENT_SCHEMAS = {
  'app:getVersion': { type: 'array', maxItems: 0 },
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
  'file:saveBytes': {
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: [
      {
        type: 'object',
        required: ['suggestedName', 'base64'],
        additionalProperties: false,
        properties: { suggestedName: { type: 'string', maxLength: 255, pattern: '^[^/\\\\]+$' }, base64: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' } },
      },
    ],
  },
  'file:printToPdf': {
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: [
      {
        type: 'object',
        required: ['suggestedName'],
        additionalProperties: false,
        properties: { suggestedName: { type: 'string', maxLength: 255, pattern: '^[^/\\\\]+\\.pdf$' } },
      },
    ],
  },
} as const satisfies Record<IpcChannel, object>;

export const IPC_CHANNELS = Object.keys(IPC_ARGUMENT_SCHEMAS) as IpcChannel[];
