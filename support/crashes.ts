import type { AgentRun } from './agent-run';
import { Instance, startExtraInstance, startPlatformServer } from './environment';
import { PROCESS_ENDINGS } from './platform-process';
import { createScratchDatabase } from './probes/database-admin';
import type { ApexWorld, Notes } from './world';

/**
 * The reference platform as a process of its own that a scenario can end and start again, as a
 * crash and a restart would: every instance of it shares the worker's PostgreSQL, Redis and
 * secrets, so what one instance stored the next one finds.
 */

/** Starts the platform process and moves everyone onto it; false against a remote target. */
export async function runInOwnProcess(world: ApexWorld, settings: NodeJS.ProcessEnv = {}): Promise<boolean> {
  const platform = await startPlatformServer(settings);
  if (!platform) return false;
  world.keepInstance(platform);
  world.remember('ownProcess', { platform, settings });
  world.moveEveryoneTo(platform);
  return true;
}

/** Ends the scenario's platform process as named (killed, shut down) once the run is under way, and waits until it is gone. */
export async function endOwnProcess(world: ApexWorld, ending: string, once: AgentRun): Promise<void> {
  await once.underWay(world.target.runDeadlineMs);
  await PROCESS_ENDINGS[ending](own(world, 'ownProcess').platform);
}

/**
 * How long an instance of its own is taken for alive after its last renewal: short, so that its
 * runs are ended soon after it stops, and so that a run of several seconds outlasts several leases.
 */
const OWN_INSTANCE_LEASE_SECONDS = '2';

/**
 * The platform as an instance of its own, in the suite's process, on a database of its own: no
 * instance but those this scenario starts ever sees its runs, so the one started again is the one
 * that ends a stopped instance's runs (the worker's own platform, and every other worker's, look
 * into the shared database only). False against a remote target.
 */
export async function runOnOwnInstance(world: ApexWorld, settings: NodeJS.ProcessEnv = {}): Promise<boolean> {
  if (world.target.kind === 'remote' || !world.target.databaseUrl) return false;
  const scratch = await createScratchDatabase(world.target.databaseUrl);
  // Dropped after the instances started on it have stopped: clean-up undoes the latest first.
  world.keepStandIn({ stop: () => scratch.drop() });
  world.remember('scratchDatabaseUrl', scratch.url);
  // A deep analysis takes about five seconds at this pace, so that it is still running when the instance stops.
  const all = { DATABASE_URL: scratch.url, INSTANCE_LEASE_SECONDS: OWN_INSTANCE_LEASE_SECONDS, AGENT_TIME_SCALE: '0.04', ...settings };
  const instance = (await world.startInstance(all))!;
  world.remember('ownInstance', { instance, settings: all });
  world.moveEveryoneTo(instance);
  return true;
}

/** Shuts the scenario's own instance down once the run is under way, as an operator stopping it would: its runs are left as they were. */
export async function shutDownOwnInstance(world: ApexWorld, once: AgentRun): Promise<void> {
  const { instance } = own(world, 'ownInstance');
  await once.underWay(world.target.runDeadlineMs);
  await instance.stop();
  world.instances.splice(world.instances.indexOf(instance), 1);
}

/** Starts the scenario's platform (its process, or its own instance) again with the settings it had; whoever used the old one uses the new one. */
export async function startOwnPlatformAgain(world: ApexWorld): Promise<void> {
  if (world.noted('ownInstance')) {
    const { instance: gone, settings } = world.recall('ownInstance');
    const instance = (await startExtraInstance(settings))!;
    world.remember('ownInstance', { instance, settings });
    return takeOver(world, gone, instance);
  }
  const { platform: gone, settings } = own(world, 'ownProcess');
  const platform = (await startPlatformServer(settings))!;
  world.remember('ownProcess', { platform, settings });
  takeOver(world, gone, platform);
}

function takeOver(world: ApexWorld, gone: Instance, started: Instance): void {
  world.keepInstance(started);
  world.replaceInstance(gone, started);
}

/** The step that gives a scenario a platform of its own, of each kind. */
const OWN_PLATFORM_STEPS = {
  ownInstance: ['instance', 'Given the platform runs as an instance of its own, on a database of its own'],
  ownProcess: ['process', 'Given the platform runs in a process of its own'],
} as const;

function own<K extends keyof typeof OWN_PLATFORM_STEPS>(world: ApexWorld, kind: K): Notes[K] {
  const [what, step] = OWN_PLATFORM_STEPS[kind];
  if (!world.noted(kind)) throw new Error(`This scenario runs no platform ${what} of its own: start with "${step}".`);
  return world.recall(kind);
}
