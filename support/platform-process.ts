import { spawn } from 'node:child_process';

export interface PlatformProcess {
  authUrl: string;
  apiUrl: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `platform/main.ts` as a process of its own (what `npm run platform` runs), on free
 * ports, and reads its addresses from what it prints. It runs with --expose-gc so the memory
 * journey can ask it for a full collection.
 */
export async function spawnPlatform(env: NodeJS.ProcessEnv, withinMs = 30_000): Promise<PlatformProcess> {
  const child = spawn(process.execPath, ['--expose-gc', '-r', 'ts-node/register', 'platform/main.ts'], {
    env: { ...env, AUTH_PORT: '0', BACKEND_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const urls = await new Promise<{ authUrl: string; apiUrl: string; wsUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The platform process did not come up within ${withinMs / 1000} s; it printed: ${output.slice(0, 500)}`));
    }, withinMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const [auth, api, ws] = ['auth', 'backend', 'socket'].map((name) => new RegExp(`^\\s+${name}\\s+(\\S+)$`, 'm').exec(output)?.[1]);
      if (auth && api && ws) {
        clearTimeout(timer);
        resolve({ authUrl: auth, apiUrl: api, wsUrl: ws });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The platform process exited (${code}) before it came up: ${output.slice(0, 500)}`));
    });
  });
  return {
    ...urls,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
