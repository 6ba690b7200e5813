/**
 * The log of the reference platform running inside this worker: what it wrote to stderr, its last
 * 256 KiB. An operator's log is where an internal error's reference leads (contract section 9,
 * "Internal errors"), so the suite keeps it to look references up in, and keeps the platform's
 * internal-error entries (a stack trace each) out of the console, where nobody asked for them.
 */
const KEPT = 256 * 1024;
const INTERNAL_ERROR_ENTRY = /^\S+ err_[0-9a-f-]{36} /;

let tapped: (() => string) | undefined;

export function tapPlatformLog(): () => string {
  if (tapped) return tapped;
  let kept = '';
  const write = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    kept = (kept + text).slice(-KEPT);
    if (INTERNAL_ERROR_ENTRY.test(text)) {
      // Written, as far as the caller knows: a callback given is called as stderr would.
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
  tapped = () => kept;
  return tapped;
}
