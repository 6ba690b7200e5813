import { World, IWorldOptions, setWorldConstructor, setDefaultTimeout } from '@cucumber/cucumber';
import { currentTarget, Target } from './environment';
import { UserSession } from './session';
import { DatabaseProbe } from './probes/database-probe';
import { CacheProbe } from './probes/cache-probe';
import { redact, redactJson } from './redact';

// Steps wait with their own, shorter deadlines; this only catches a wait that forgot one.
setDefaultTimeout(120_000);

/** One per scenario: the people in it, and the probes into the target's stores. */
export class ApexWorld extends World {
  readonly sessions = new Map<string, UserSession>();
  private probes: { database?: DatabaseProbe; cache?: CacheProbe } = {};

  constructor(options: IWorldOptions) {
    super(options);
  }

  get target(): Target {
    return currentTarget();
  }

  /** The named person's session, created the first time a step mentions them. */
  session(name: string): UserSession {
    let session = this.sessions.get(name);
    if (!session) {
      session = new UserSession(name, this.target);
      this.sessions.set(name, session);
    }
    return session;
  }

  /** The database probe, or undefined where the suite has no database address for the target. */
  databaseProbe(): DatabaseProbe | undefined {
    if (!this.target.databaseUrl) return undefined;
    return (this.probes.database ??= new DatabaseProbe(this.target.databaseUrl));
  }

  cacheProbe(): CacheProbe | undefined {
    if (!this.target.redisUrl) return undefined;
    return (this.probes.cache ??= new CacheProbe(this.target.redisUrl));
  }

  /** Attaches evidence to the report, always redacted. */
  evidence(content: string | object, mediaType: 'text/plain' | 'application/json' = typeof content === 'string' ? 'text/plain' : 'application/json'): void {
    this.attach(typeof content === 'string' ? redact(content) : redactJson(content), mediaType);
  }

  async cleanUp(): Promise<void> {
    await Promise.allSettled([...this.sessions.values()].map((session) => session.closeSockets()));
    await Promise.allSettled([this.probes.database?.close(), this.probes.cache?.close()]);
  }
}

setWorldConstructor(ApexWorld);
