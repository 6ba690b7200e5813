import type { DataTable } from '@cucumber/cucumber';
import { costQuestion, parseAsks } from '../domain';
import { startAgent } from './chat';
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

/** The people of the table (columns: who, agent, workload) each ask at the same moment, all signed in with a chat open first. */
export async function askAtOnce(world: ApexWorld, table: DataTable): Promise<void> {
  const asks = parseAsks(table.hashes());
  await readyToChat(asks.map((a) => world.session(a.name)));
  await Promise.all(asks.map((a) => startAgent(world.session(a.name), a.agent, { user_request: costQuestion(a.workload), context: { workload: a.workload } })));
}
