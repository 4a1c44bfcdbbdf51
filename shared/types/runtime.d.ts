/**
 * The few globals shared/ uses beyond ECMAScript, present in every runtime it runs in (browsers, Web Workers,
 * Node 20): declared here so the layer compiles without the DOM's or Node's types.
 */
declare function structuredClone<T>(value: T): T;

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
