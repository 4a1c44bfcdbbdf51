/**
 * A request/response client for a worker: each request gets an id, and its answer resolves that request's promise.
 * The worker is made on first use by `create` (which must hold the literal `new Worker(new URL(...))` Vite bundles).
 */
export interface AskOptions {
  /** Called with each `{ progress }` message the worker sends for the request before its answer. */
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Aborting sends the worker `{ cancel: id }`; the worker answers the request as it stops. */
  signal?: AbortSignal;
}

export function createWorkerClient<Request extends object, Response extends { id: number }>(create: () => Worker): (request: Request, options?: AskOptions) => Promise<Response> {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (response: Response) => void; reject: (error: Error) => void; onProgress?: AskOptions['onProgress'] }>();
  return (request, options = {}) => {
    if (!worker) {
      worker = create();
      worker.onmessage = (event: MessageEvent<Response | { id: number; progress: { done: number; total: number } }>) => {
        const waiting = pending.get(event.data.id);
        if ('progress' in event.data) {
          waiting?.onProgress?.(event.data.progress);
          return;
        }
        waiting?.resolve(event.data);
        pending.delete(event.data.id);
      };
      // A worker that fails (a script error, out of memory) answers nothing more: every waiting request fails with
      // it, and the next request starts a new worker, rather than a screen waiting for ever.
      worker.onerror = (event: ErrorEvent) => {
        const error = new Error(`The background worker stopped: ${event.message || 'unknown error'}`);
        for (const waiting of pending.values()) waiting.reject(error);
        pending.clear();
        worker?.terminate();
        worker = null;
      };
    }
    const id = ++nextId;
    const running = worker;
    options.signal?.addEventListener('abort', () => running.postMessage({ id: ++nextId, cancel: id }), { once: true });
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress: options.onProgress });
      running.postMessage({ ...request, id });
    });
  };
}
