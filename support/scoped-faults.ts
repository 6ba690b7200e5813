import type { ApexWorld } from './world';

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
