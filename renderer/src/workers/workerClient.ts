/**
 * A request/response client for a worker: each request gets an id, and its answer resolves that request's promise.
 * The worker is made on first use by `create` (which must hold the literal `new Worker(new URL(...))` Vite bundles).
 */
export function createWorkerClient<Request extends object, Response extends { id: number }>(create: () => Worker): (request: Request) => Promise<Response> {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (response: Response) => void; reject: (error: Error) => void }>();
  return (request) => {
    if (!worker) {
      worker = create();
      worker.onmessage = (event: MessageEvent<Response>) => {
        pending.get(event.data.id)?.resolve(event.data);
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
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker!.postMessage({ ...request, id });
    });
  };
}
