import type { ApexWorld } from './world';
import { AuthRelay } from './fakes/auth-relay';
import { TcpProxy, freePort } from './fakes/tcp-proxy';

const ONLY_REFERENCE = 'this puts a breakable link between a reference platform instance and its dependency; a remote target cannot be rewired.';

/**
 * An instance of the platform whose link to one dependency runs through a relay the scenario can
 * cut or stall. Everyone moves onto it, unless it is to be a second instance beside the target.
 */
export async function instanceWithBreakableLink(world: ApexWorld, dependency: string, settings: NodeJS.ProcessEnv = {}, { moveEveryone = true } = {}): Promise<'skipped' | undefined> {
  const target = world.target;
  if (target.kind === 'remote') return world.skip(ONLY_REFERENCE);
  let proxy: TcpProxy;
  let overrides: NodeJS.ProcessEnv;
  if (dependency === 'Redis') {
    if (!target.redisUrl) return world.skip('there is no real Redis to cut off: the reference platform runs on its in-process store.');
    const url = new URL(target.redisUrl);
    proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 6379) });
    overrides = { REDIS_URL: proxy.rewrite(target.redisUrl) };
  } else if (dependency === 'database') {
    const url = new URL(target.databaseUrl!);
    proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    overrides = { DATABASE_URL: proxy.rewrite(target.databaseUrl!) };
  } else {
    const authPort = await freePort();
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: authPort });
    overrides = { AUTH_PORT: String(authPort), AUTH_SERVICE_URL: `http://127.0.0.1:${proxy.port}` };
  }
  world.keepStandIn(proxy);
  world.remember('breakable', { dependency, proxy });
  const instance = (await world.startInstance({ ...settings, ...overrides }))!;
  // Undone before the instance stops: a link left silent would keep it waiting on its dependency.
  world.onCleanUp(() => proxy.restore());
  if (moveEveryone) world.moveEveryoneTo(instance);
  return undefined;
}

/** How long an instance waits on a dependency that has gone silent before it gives up on it. */
export function patienceWith(dependency: string, seconds: number): NodeJS.ProcessEnv {
  const ms = String(seconds * 1000);
  if (dependency === 'Redis') return { REDIS_COMMAND_TIMEOUT_MS: ms };
  if (dependency === 'database') return { DATABASE_STATEMENT_TIMEOUT_MS: ms, DATABASE_QUEUE_TIMEOUT_MS: ms };
  throw new Error(`There is no setting for how long the platform waits on its ${dependency}.`);
}

/** An instance of the platform whose backend checks tokens through a relay that can hold the checks (support/fakes/auth-relay.ts). */
export async function instanceWithHeldTokenChecks(world: ApexWorld): Promise<'skipped' | undefined> {
  if (world.target.kind === 'remote') return world.skip(ONLY_REFERENCE);
  const authPort = await freePort();
  const relay = await AuthRelay.start(`http://127.0.0.1:${authPort}`);
  world.keepStandIn(relay);
  world.remember('authRelay', relay);
  world.moveEveryoneTo((await world.startInstance({ AUTH_PORT: String(authPort), AUTH_SERVICE_URL: relay.url }))!);
  return undefined;
}
