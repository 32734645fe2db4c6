/**
 * The built AudioWorkletProcessor (dist/gigscope-processor.js) loaded in Node
 * under a minimal AudioWorkletGlobalScope — the same file Chromium loads. The
 * scope's `sampleRate` global is what the processor believes; tests may change
 * it through globalThis before constructing one.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

export interface WorkletScope<P> {
  /** the class the processor file registered */
  Processor: new (init: unknown) => P;
  /** the main-thread end of the port of the processor constructed last */
  lastPort(): MessagePort;
}

export async function loadProcessor<P>(sampleRate = 48000): Promise<WorkletScope<P>> {
  const g = globalThis as Record<string, unknown>;
  let Processor: (new (init: unknown) => P) | undefined;
  let port: MessagePort | undefined;
  g.sampleRate = sampleRate;
  g.currentFrame = 0;
  g.AudioWorkletProcessor = class {
    port: MessagePort;
    constructor() {
      const channel = new MessageChannel();
      this.port = channel.port1;
      port = channel.port2;
    }
  };
  g.registerProcessor = (_name: string, ctor: new (init: unknown) => P) => {
    Processor = ctor;
  };
  await import(pathToFileURL(resolve('dist/gigscope-processor.js')).href);
  if (!Processor) throw new Error('dist/gigscope-processor.js registered no processor: run npm run build');
  return { Processor, lastPort: () => port! };
}
