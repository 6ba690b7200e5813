import type { Actor } from '../actor';
import type { AgentRun } from '../agent-run';
import type { ApexWorld } from '../world';
import { chatSocket } from './chat';
import { ensureSignedIn } from './sign-in';

/** Several people at once: signed in, each with a chat open. */
export async function readyToChat(people: Actor[]): Promise<void> {
  await Promise.all(people.map(async (person) => {
    await ensureSignedIn(person);
    await chatSocket(person);
  }));
}

/** Every run of the people named, in their order. */
export function runsOf(world: ApexWorld, names: string[]): AgentRun[] {
  return names.flatMap((name) => world.session(name).runs);
}

/** Every run of the scenario's crowd (or, without one, of everyone in it). */
export function crowdRuns(world: ApexWorld): AgentRun[] {
  return (world.noted('crowd') ?? [...world.sessions.keys()]).flatMap((name) => world.session(name).runs);
}
