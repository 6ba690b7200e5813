import { expectStatus, http } from '../clients/http';
import { startPlatformServer } from '../environment';
import type { ApexWorld } from '../world';

/** What the reference platform says of its own memory (its test-only diagnostics page). */
export async function diagnostics(world: ApexWorld, query = ''): Promise<{ heap_used: number; rss: number; peak_rss: number; collected: boolean }> {
  const instance = world.activeInstance ?? world.target;
  const answer = await http('GET', `${instance.apiUrl}/__diagnostics${query}`, { headers: { 'x-service-secret': world.target.secrets.service ?? '' } });
  return expectStatus(answer, 200, 'Reading the platform diagnostics').body;
}

/** Runs the scenario on a platform process of its own with these settings, its peak memory reset; skipped against a remote target. */
export async function ownProcess(world: ApexWorld, overrides: NodeJS.ProcessEnv): Promise<'skipped' | undefined> {
  const instance = await startPlatformServer(overrides);
  if (!instance) return world.skip('this starts the reference platform as a separate process; a remote target already is one.');
  world.keepInstance(instance);
  world.moveEveryoneTo(instance);
  await diagnostics(world, '?reset_peak=1');
  return undefined;
}
