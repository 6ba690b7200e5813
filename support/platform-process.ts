import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DEADLINES } from './deadlines';

export interface PlatformProcess {
  authUrl: string;
  apiUrl: string;
  wsUrl: string;
  /** Asks the process to end (SIGTERM), as an operator stopping it does, and waits until it has. */
  stop(): Promise<void>;
  /** Ends the process at once (SIGKILL), as a crash does: nothing in it runs again, nothing is tidied up. */
  kill(): Promise<void>;
  /** Everything the process has printed so far (its log: standard output and error, as they came). */
  log(): string;
}

/** How a platform process ended its start: up at these addresses, or gone with its exit code. */
export type Launch = { up: PlatformProcess; output: string } | { up?: undefined; exitCode: number | null; output: string };

/**
 * Starts `platform/main.ts` as a process of its own (what `npm run platform` runs), on free
 * ports, and waits until it prints its addresses or exits. It runs with --expose-gc so the
 * memory journey can ask it for a full collection.
 */
export function launchPlatform(env: NodeJS.ProcessEnv, withinMs: number = DEADLINES.processStart): Promise<Launch> {
  // The run's compiled copy where it made one (APEX_PLATFORM_BUILD, see support/platform-build.ts).
  const built = env.APEX_PLATFORM_BUILD;
  const main = built && existsSync(built) ? [built] : ['-r', 'ts-node/register', 'platform/main.ts'];
  const child = spawn(process.execPath, ['--expose-gc', ...main], {
    env: { ...env, AUTH_PORT: '0', BACKEND_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const end = (signal: NodeJS.Signals) => () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  const [stop, kill] = [end('SIGTERM'), end('SIGKILL')];
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The platform process neither came up nor refused within ${withinMs / 1000} s; it printed: ${output.slice(0, 500)}`));
    }, withinMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const [auth, api, ws] = ['auth', 'backend', 'socket'].map((name) => new RegExp(`^\\s+${name}\\s+(\\S+)$`, 'm').exec(output)?.[1]);
      if (auth && api && ws) {
        clearTimeout(timer);
        resolve({ up: { authUrl: auth, apiUrl: api, wsUrl: ws, stop, kill, log: () => output }, output: output.trim() });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, output: output.trim() });
    });
  });
}

/** A platform process that must come up; its failure to start is an error saying what it printed. */
export async function spawnPlatform(env: NodeJS.ProcessEnv, withinMs: number = DEADLINES.processStart): Promise<PlatformProcess> {
  const launch = await launchPlatform(env, withinMs);
  if (!launch.up) throw new Error(`The platform process exited (${launch.exitCode}) before it came up: ${launch.output.slice(0, 500)}`);
  return launch.up;
}

/** How a platform process can end, in words: each resolves once the process is gone. */
export const PROCESS_ENDINGS: Record<string, (platform: PlatformProcess) => Promise<void>> = {
  killed: (platform) => platform.kill(),
  'shut down': (platform) => platform.stop(),
};
