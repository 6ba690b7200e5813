import type { AgentSocket } from './clients/agent-socket';

/**
 * Where a person began reading each of their connections: the frame that was next when they last
 * sent something there. What the chat said back is what came after it. Kept beside the socket
 * client, not in it, because it is the person's reading, not the connection's.
 */
const readingFrom = new WeakMap<AgentSocket, number>();

/** Reads what the connection says from now on. */
export function startReading(socket: AgentSocket): void {
  readingFrom.set(socket, socket.frames.length);
}

/** The index of the first frame read since the person last sent something (0 if they never did). */
export function readFrom(socket: AgentSocket): number {
  return readingFrom.get(socket) ?? 0;
}

/** A burst a person sent at once on a connection: how many messages went before it, and how many in it. */
const bursts = new WeakMap<AgentSocket, { before: number; count: number }>();

export function noteBurst(socket: AgentSocket, count: number): void {
  bursts.set(socket, { before: socket.sent, count });
}

/** The latest burst sent on the connection; a check that needs one fails plainly if none was sent. */
export function burstOn(socket: AgentSocket): { before: number; count: number } {
  const burst = bursts.get(socket);
  if (!burst) throw new Error('No messages were sent at once on this chat connection; a step before this one must send them.');
  return burst;
}
