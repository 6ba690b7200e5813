import { DEADLINES } from './deadlines';
import { ensureSignedIn } from './tasks/sign-in';
import type { ApexWorld } from './world';
import type { Actor } from './actor';
import type { HttpResponse } from './clients/http';
import { http } from './clients/http';
import { faultsWhereEveryoneIs } from './scoped-faults';
import { eventually } from './wait';

/**
 * Connection pool exhaustion (INC-07), on an instance of the scenario's own with a small pool and a
 * short wait for a connection, so that a scenario takes seconds. A hold scoped to one customer
 * leaves that customer's work without connections and nobody else's; a hold without a scope takes
 * real connections from the pool, which only an instance of the scenario's own can afford.
 */

/** What a hold_connections fault names as its target. */
const HOLD_TARGET = 'database';

export interface OwnPool {
  size: number;
  queueTimeoutMs: number;
}

/** Starts an instance of the scenario's own with `size` connections and a wait of `queueTimeoutMs` for one, and moves everyone onto it; false against a remote target. */
export async function startInstanceWithPool(world: ApexWorld, pool: OwnPool): Promise<boolean> {
  const instance = await world.startInstance({ DATABASE_POOL_SIZE: String(pool.size), DATABASE_POOL_WARM: String(pool.size), DATABASE_QUEUE_TIMEOUT_MS: String(pool.queueTimeoutMs) });
  if (!instance) return false;
  world.moveEveryoneTo(instance);
  world.remember('pool', pool);
  return true;
}

export function ownPool(world: ApexWorld): OwnPool {
  if (!world.hasNoted('pool')) throw new Error('This scenario has no instance with a pool of its own: start with "Given an instance of the platform with 3 database connections, that waits at most 1 second for one to be free".');
  return world.recall<OwnPool>('pool');
}

/** All but `left` of the connections this person's work could use are busy for `ms` (a hold scoped to them): only their work waits. */
export async function holdConnectionsOf(world: ApexWorld, session: Actor, ms: number, left = 0): Promise<void> {
  await ensureSignedIn(session);
  await faultsWhereEveryoneIs(world).inject({ fault: 'hold_connections', target: HOLD_TARGET, count: ownPool(world).size - left, duration_ms: ms, scope: session.userId });
  world.remember('hold lasts', ms);
}

/** How long the scenario's hold lasts, in milliseconds. */
export function holdLasts(world: ApexWorld): number {
  return world.recall<number>('hold lasts');
}

/** Other work holds every connection of the instance's pool for `ms`: everyone's work waits. */
export async function holdEveryConnection(world: ApexWorld, ms: number): Promise<void> {
  await faultsWhereEveryoneIs(world).inject({ fault: 'hold_connections', target: HOLD_TARGET, count: ownPool(world).size, duration_ms: ms });
}

/** Waits until no hold on the instance's connections is left (each ends by itself when its time is up). */
export async function heldConnectionsFreed(world: ApexWorld, withinMs = DEADLINES.settle): Promise<void> {
  const apiUrl = world.activeInstance?.apiUrl ?? world.target.apiUrl;
  const headers = { 'x-service-secret': world.target.secrets.service ?? '' };
  let holds: unknown[] = [];
  await eventually(
    'the held database connections to come free',
    async () => {
      const listed = await http('GET', `${apiUrl}/__faults`, { headers });
      holds = (listed.body?.active ?? []).filter((f: { fault: string }) => f.fault === 'hold_connections');
      return holds.length === 0 ? true : undefined;
    },
    withinMs,
    () => `still held: ${JSON.stringify(holds)}`,
  );
}

/** The person asks for their conversations `times` times at once while the control asks once, at the same moment; the answers are noted for the check. */
export async function listAtOnce(world: ApexWorld, session: Actor, times: number, control: Actor): Promise<void> {
  await Promise.all([ensureSignedIn(session), ensureSignedIn(control)]);
  const [mine, theirs] = await Promise.all([
    Promise.all(Array.from({ length: times }, () => session.api.threads(session.accessToken))),
    control.api.threads(control.accessToken),
  ]);
  world.remember('lists at once', { mine, theirs });
}

export function listsAtOnce(world: ApexWorld): { mine: HttpResponse[]; theirs: HttpResponse } {
  return world.recall('lists at once');
}
