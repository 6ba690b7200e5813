import type { EventEmitter } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits until a state the suite can only ask about (a row in a table, a key in Redis) holds, or
 * fails with the last answer once the deadline passes. For what arrives by itself (frames,
 * closes) the sockets' own waits are used instead.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, withinMs: number, describe: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Expected ${what} within ${withinMs / 1000} s${describe() ? `; ${describe()}` : ''}`);
    await delay(20);
  }
}

/** Resolves once `holds()` is true, checking now and at each `event` the emitter sends; fails with `failure()` after `withinMs`. */
export function whenEmitted(emitter: EventEmitter, event: string, holds: () => boolean, withinMs: number, failure: () => string): Promise<void> {
  if (holds()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, check);
      reject(new Error(failure()));
    }, withinMs);
    const check = () => {
      if (!holds()) return;
      clearTimeout(timer);
      emitter.off(event, check);
      resolve();
    };
    emitter.on(event, check);
  });
}
