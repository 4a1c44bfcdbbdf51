/**
 * A request/response client for a worker: each request gets an id, and its answer resolves that request's promise.
 * The worker is made on first use by `create` (which must hold the literal `new Worker(new URL(...))` Vite bundles).
 */
export function createWorkerClient<Request extends object, Response extends { id: number }>(create: () => Worker): (request: Request) => Promise<Response> {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, (response: Response) => void>();
  return (request) => {
    if (!worker) {
      worker = create();
      worker.onmessage = (event: MessageEvent<Response>) => {
        pending.get(event.data.id)?.(event.data);
        pending.delete(event.data.id);
      };
    }
    const id = ++nextId;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      worker!.postMessage({ ...request, id });
    });
  };
}
