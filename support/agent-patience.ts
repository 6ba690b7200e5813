import { deepStagePace } from './domain';
import type { ApexWorld } from './world';

/** The pace of the suite's own platforms (AGENT_TIME_SCALE in support/environment.ts). */
const SUITE_PACE = 0.01;

/**
 * Moves everyone onto a platform instance of its own that gives up on an agent once it has been
 * silent for `silenceMs`, and whose deep analysis takes `stageMs` a stage where that is given.
 * AGENT_TIMEOUT_SECONDS is scaled by AGENT_TIME_SCALE like every deliberate delay (contract
 * section 9), so it is set at the instance's pace. False against a remote target, whose patience
 * is its own (300 s by default: too long to wait for).
 */
export async function runWithAgentPatience(world: ApexWorld, silenceMs: number, stageMs?: number): Promise<boolean> {
  const pace = stageMs === undefined ? SUITE_PACE : Number(deepStagePace(stageMs / 1000));
  const instance = await world.startInstance({ AGENT_TIME_SCALE: String(pace), AGENT_TIMEOUT_SECONDS: String(silenceMs / 1000 / pace) });
  if (!instance) return false;
  world.moveEveryoneTo(instance);
  return true;
}
