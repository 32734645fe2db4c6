/**
 * What the page told the engine, for browser tests: an init script that keeps
 * every {type: 'param'} message posted on any MessagePort (the GigscopeNode's
 * port to the processor — so a value seen here has left the UI for the audio
 * thread) and every `param-change` event that reaches the document.
 *
 *   const { page } = await launcher.open([], recordParams);
 *   await lastSent(page, 'reverb.mix');   // the value the worklet was last given
 *   await sentCount(page, 'beat.tap');    // how many times a trigger fired
 */
import type { Page } from 'playwright-core';
import { paramIndex } from '../../params/table';

interface Recorded {
  __paramMessages: { index: number; value: number }[];
  __paramChanges: { id: string; value: number }[];
}

/** Page init script (runs before the app's own scripts). */
export function recordParams(): void {
  const w = window as unknown as Recorded;
  w.__paramMessages = [];
  w.__paramChanges = [];
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, msg: unknown, ...rest: unknown[]) {
    const m = msg as { type?: string; index: number; value: number } | null;
    if (m?.type === 'param') w.__paramMessages.push({ index: m.index, value: m.value });
    return (post as (...a: unknown[]) => void).call(this, msg, ...rest);
  } as typeof post;
  document.addEventListener('param-change', (e) => w.__paramChanges.push({ ...(e as CustomEvent<{ id: string; value: number }>).detail }));
}

/** The last value of parameter `id` the page sent to the worklet (undefined: never sent). */
export function lastSent(page: Page, id: string): Promise<number | undefined> {
  return page.evaluate((index) => (window as unknown as Recorded).__paramMessages.filter((m) => m.index === index).at(-1)?.value, paramIndex(id));
}

/** How many messages for parameter `id` the page has sent to the worklet. */
export function sentCount(page: Page, id: string): Promise<number> {
  return page.evaluate((index) => (window as unknown as Recorded).__paramMessages.filter((m) => m.index === index).length, paramIndex(id));
}

/** Every param-change event seen so far, in order. */
export function paramChanges(page: Page): Promise<{ id: string; value: number }[]> {
  return page.evaluate(() => (window as unknown as Recorded).__paramChanges.slice());
}
