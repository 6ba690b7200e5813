import type { AgentRun } from './agent-run';
import { startPlatformServer } from './environment';
import { PROCESS_ENDINGS } from './platform-process';
import type { ApexWorld } from './world';

/**
 * The reference platform as a process of its own that a scenario can end and start again, as a
 * crash and a restart would: every instance of it shares the worker's PostgreSQL, Redis and
 * secrets, so what one instance stored the next one finds.
 */

/** Starts the platform process and moves everyone onto it; false against a remote target. */
export async function runInOwnProcess(world: ApexWorld, settings: NodeJS.ProcessEnv = {}): Promise<boolean> {
  const platform = await startPlatformServer(settings);
  if (!platform) return false;
  world.instances.push(platform);
  world.ownProcess = { platform, settings };
  world.moveEveryoneTo(platform);
  return true;
}

/** Ends the scenario's platform process as named (killed, shut down) once the run is under way, and waits until it is gone. */
export async function endOwnProcess(world: ApexWorld, ending: string, once: AgentRun): Promise<void> {
  await once.underWay(world.target.runDeadlineMs);
  await PROCESS_ENDINGS[ending](ownProcess(world).platform);
}

/** Starts the platform process again with the settings it had; whoever used the old one uses the new one. */
export async function startOwnProcessAgain(world: ApexWorld): Promise<void> {
  const { platform: gone, settings } = ownProcess(world);
  const platform = (await startPlatformServer(settings))!;
  world.instances.push(platform);
  world.ownProcess = { platform, settings };
  world.replaceInstance(gone, platform);
}

function ownProcess(world: ApexWorld): NonNullable<ApexWorld['ownProcess']> {
  if (!world.ownProcess) throw new Error('This scenario runs no platform process of its own: start with "Given the platform runs in a process of its own".');
  return world.ownProcess;
}
