import type { Cache } from '../store/cache';
import type { RunEvent } from '../agents/runs';

const USER_EVENTS_CHANNEL = 'apex:user-events';

/**
 * Carries a user's run events to every instance, each of which hands them to that user's
 * local sockets. Every event takes this one path, the local instance included, so each socket
 * gets each event exactly once; with the in-process store the path stays inside the instance.
 */
export class EventBus {
  constructor(private readonly cache: Cache) {}

  async start(deliver: (userId: string, event: RunEvent) => void): Promise<void> {
    await this.cache.subscribe(USER_EVENTS_CHANNEL, (message) => {
      const { user_id: userId, event } = JSON.parse(message) as { user_id: string; event: RunEvent };
      deliver(userId, event);
    });
  }

  publish(userId: string, event: RunEvent): void {
    // One connection publishes in order, and Redis keeps that order for every subscriber.
    void this.cache.publish(USER_EVENTS_CHANNEL, JSON.stringify({ user_id: userId, event })).catch(() => undefined);
  }
}
