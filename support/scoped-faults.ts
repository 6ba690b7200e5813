import { ensureSignedIn } from './tasks/sign-in';
import type { ApexWorld } from './world';
import type { Actor } from './actor';
import { FaultClient } from './clients/fault-client';

/**
 * A tool that fails for this scenario's customers only: one fault per person signed in so far,
 * scoped to them, so that against a shared deployment nobody else's runs feel it. (The tool's
 * circuit breaker is the instance's, whoever trips it: see @global-faults in support/hooks.ts.)
 */
export async function failForThisScenario(world: ApexWorld, tool: string): Promise<void> {
  const faults = world.faults()!;
  const people = [...world.sessions.values()].filter((s) => s.account);
  if (people.length === 0) throw new Error(`Sign someone in before the ${tool.replace(/_/g, ' ')} fails: its failure is scoped to this scenario's customers.`);
  for (const person of people) await faults.inject({ fault: 'tool_failure', target: tool, scope: person.userId });
}

export async function repairForThisScenario(world: ApexWorld, tool: string): Promise<void> {
  const faults = world.faults()!;
  for (const scope of world.faultScopes) await faults.lift('tool_failure', tool, scope);
}

/** A tool that never answers this person's next call to it (hang_tool, scoped to them): their run goes silent. */
export async function hangNextCallFor(world: ApexWorld, session: Actor, tool: string): Promise<void> {
  await ensureSignedIn(session);
  await world.faults()!.inject({ fault: 'hang_tool', target: tool, count: 1, scope: session.userId });
}

/**
 * Where an unexpected error will strike this person's next message (handler_crash, scoped to
 * them): `message` (the handling of one chat message), `connection` (the chat connection itself)
 * or `request` (one API request).
 */
export async function crashNextMessageOf(world: ApexWorld, session: Actor, where: 'message' | 'connection' | 'request'): Promise<void> {
  await ensureSignedIn(session);
  await world.faults()!.inject({ fault: 'handler_crash', target: where, count: 1, scope: session.userId });
}

/** The fault switch of the platform everyone in the scenario uses: the instance it moved them to, or the target. */
export function faultsWhereEveryoneIs(world: ApexWorld): FaultClient {
  const secret = world.target.secrets.service;
  if (!secret) throw new Error('Switching a fault on needs the service secret (APEX_SERVICE_SECRET).');
  // Scoped faults on the target are this scenario's to clear; an instance of its own goes with it.
  return new FaultClient(world.activeInstance?.apiUrl ?? world.target.apiUrl, secret, world.activeInstance ? undefined : world.faultScopes);
}
