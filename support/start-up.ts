import { openSocket } from './tasks/chat';
import { ensureSignedIn } from './tasks/sign-in';
import type { ApexWorld } from './world';
import type { Actor } from './actor';
import { eventually } from './wait';
import { describeFrames } from './clients/agent-socket';
import { faultsWhereEveryoneIs } from './scoped-faults';

/** What a delay_ready fault names as its target (platform/server/readiness.ts). */
const READY_TARGET = 'platform';

/**
 * Start-up (INC-06). Not being ready is instance-wide, so the whole-platform form runs on an
 * instance of the scenario's own, started with the delay (FAULTS_AT_START): no other scenario's
 * customers are on it. The scoped form turns only this scenario's customer away, so it can run on
 * a platform everyone shares.
 */

/** Starts an instance of the scenario's own that stays not ready for `ms` after its start-up, and moves everyone onto it; false against a remote target. */
export async function startInstanceNotReadyFor(world: ApexWorld, ms: number): Promise<boolean> {
  const instance = await world.startInstance({ FAULTS_AT_START: JSON.stringify([{ fault: 'delay_ready', target: READY_TARGET, duration_ms: ms }]) });
  if (!instance) return false;
  world.moveEveryoneTo(instance);
  return true;
}

/** The platform stays not ready for this person (a delay_ready scoped to them) for `ms`; nobody else notices. */
export async function delayReadyFor(world: ApexWorld, session: Actor, ms: number): Promise<void> {
  await ensureSignedIn(session);
  await faultsWhereEveryoneIs(world).inject({ fault: 'delay_ready', target: READY_TARGET, duration_ms: ms, scope: session.userId });
}

/**
 * The person opens a chat connection again and again, as a client retrying would, until one is
 * welcomed; fails after `withinMs` saying how the last one was answered.
 */
export async function keepTryingChat(session: Actor, withinMs: number): Promise<number> {
  let tries = 0;
  let last = 'nothing yet';
  await eventually(
    `${session.name} to be welcomed into the chat`,
    async () => {
      tries += 1;
      const socket = await openSocket(session);
      const answer = await socket.connectionAnswer();
      last = describeFrames(socket.frames, socket.openedAt);
      return answer.frame.type === 'system_message' ? true : undefined;
    },
    withinMs,
    () => `after ${tries} tries the last connection received: ${last}`,
  );
  return tries;
}
