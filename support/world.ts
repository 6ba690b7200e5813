import { closeSockets } from './tasks/chat';
import { World, IWorldOptions, setWorldConstructor, setDefaultTimeout } from '@cucumber/cucumber';
import { currentTarget, Instance, Target, startExtraInstance } from './environment';
import { Actor } from './actor';
import { DatabaseProbe } from './probes/database-probe';
import { CacheProbe } from './probes/cache-probe';
import { redact, redactJson } from './redact';
import { FaultClient } from './clients/fault-client';
import type { TcpProxy } from './fakes/tcp-proxy';
import type { AuthRelay } from './fakes/auth-relay';
import type { LoadFigures } from './load-report';
import type { PlatformProcess } from './platform-process';
import { HOOK_TIMEOUTS } from './deadlines';

// Steps wait with their own, shorter deadlines; this only catches a wait that forgot one. It lies
// past the longest of them, a run's at the realistic pace (210 s, support/environment.ts).
setDefaultTimeout(HOOK_TIMEOUTS.step);

/**
 * What a scenario's steps note for later ones, for the notes every kind of scenario shares a
 * name for; a step may also note anything else under a name of its own.
 */
export interface Notes {
  /** The people whose runs a crowd scenario measures, by session name. */
  crowd: string[];
  /** The heartbeat interval of the instance this scenario started. */
  heartbeatMs: number;
  /** A run started on a second instance, and how many events it had. */
  fanOut: { runId: string; events: number };
  /** The relay a resilience scenario cuts between an instance and one of its dependencies. */
  breakable: { dependency: string; proxy: TcpProxy; restoredAt?: number };
  /** The relay that can hold an instance's token checks. */
  authRelay: AuthRelay;
  /** What a load scenario measured, and the heap it started from. */
  loadFigures: LoadFigures;
  heapBaseline: number;
  /** A database this scenario created, and drops when it ends. */
  scratchDatabaseUrl: string;
  /** The platform process this scenario runs on, and the settings it was started with, so it can be started again. */
  ownProcess: { platform: PlatformProcess; settings: NodeJS.ProcessEnv };
  /** The platform instance of its own (in this process, on a database of its own) this scenario runs on, and its settings. */
  ownInstance: { instance: Instance; settings: NodeJS.ProcessEnv };
  /** How the last platform process this scenario started ended. */
  platformProcess: { started: boolean; exitCode: number | null; output: string };
}

/** The pronouns a step may use for the person named last, longest first, so that "theirs" is not read as "their". */
export const PRONOUN_WORDS = ['theirs', 'their', 'them', 'they', 'hers', 'her', 'his', 'him', 'she', 'he'];
const PRONOUNS = new RegExp(`^(?:${PRONOUN_WORDS.join('|')})$`, 'i');

/** One per scenario: the people in it, and the probes into the target's stores. */
export class ApexWorld extends World {
  readonly sessions = new Map<string, Actor>();
  private probes: { database?: DatabaseProbe; cache?: CacheProbe } = {};
  /** Extra platform instances this scenario started or uses, newest last (see keepInstance). */
  readonly instances: Instance[] = [];
  /** The instance this scenario's people talk to, when it moves them off the target onto one it started. */
  activeInstance?: Instance;
  /** What to undo when the scenario ends, last in first out (see onCleanUp). */
  private readonly undo: (() => unknown)[] = [];
  /** What steps of this scenario noted for later ones, by name. */
  private readonly notes = new Map<string, unknown>();

  constructor(options: IWorldOptions) {
    super(options);
  }

  remember<K extends keyof Notes>(name: K, value: Notes[K]): void;
  remember(name: string, value: unknown): void;
  remember(name: string, value: unknown): void {
    this.notes.set(name, value);
  }

  /** What an earlier step noted; a step that needs a note nobody made fails, saying which step is missing. */
  recall<K extends keyof Notes>(name: K): Notes[K];
  recall<T>(name: string): T;
  recall(name: string): unknown {
    if (!this.notes.has(name)) throw new Error(`Nothing was noted as "${name}" earlier in this scenario; a step before this one must set it up.`);
    return this.notes.get(name);
  }

  /** What an earlier step noted, if any did. */
  noted<K extends keyof Notes>(name: K): Notes[K] | undefined {
    return this.notes.get(name) as Notes[K] | undefined;
  }

  hasNoted(name: string): boolean {
    return this.notes.has(name);
  }

  get target(): Target {
    return currentTarget();
  }

  /** Who "she", "he" or "they" refers back to: the first person named in the latest step that named anyone. */
  private referent?: string;
  private namedInThisStep = false;

  /** Before every step (support/hooks.ts): the first person it names becomes the one later pronouns mean. */
  stepBegins(): void {
    this.namedInThisStep = false;
  }

  /** The person a step names: a name, or a pronoun for the one named last. */
  person(word: string): string {
    if (PRONOUNS.test(word)) return this.referredTo(word);
    if (!this.namedInThisStep) [this.referent, this.namedInThisStep] = [word, true];
    return word;
  }

  /** The person a pronoun refers back to; a pronoun before anyone is named fails, saying what to write instead. */
  referredTo(pronoun: string): string {
    if (!this.referent) throw new Error(`"${pronoun}" refers back to a person, but no one was named before it; name them first, as in "Alice signs up".`);
    return this.referent;
  }

  /** The named person's actor, created the first time a step mentions them (an actor is itself). */
  session(who: string | Actor): Actor {
    if (who instanceof Actor) return who;
    const name = who;
    let session = this.sessions.get(name);
    if (!session) {
      session = new Actor(name, this.target);
      if (this.activeInstance) session.useInstance(this.activeInstance);
      this.sessions.set(name, session);
    }
    return session;
  }

  /** The database probe (into the scenario's own database, where it made one), or undefined where the suite has no database address for the target. */
  databaseProbe(): DatabaseProbe | undefined {
    if (!this.target.databaseUrl) return undefined;
    if (!this.probes.database) {
      const probe = new DatabaseProbe(this.noted('scratchDatabaseUrl') ?? this.target.databaseUrl);
      this.onCleanUp(() => probe.close());
      this.probes.database = probe;
    }
    return this.probes.database;
  }

  cacheProbe(): CacheProbe | undefined {
    if (!this.target.redisUrl) return undefined;
    if (!this.probes.cache) {
      const probe = new CacheProbe(this.target.redisUrl);
      this.onCleanUp(() => probe.close());
      this.probes.cache = probe;
    }
    return this.probes.cache;
  }

  /** The scopes (user and run ids) of the faults this scenario switched on: the only ones it answers for. */
  readonly faultScopes = new Set<string>();

  /**
   * The fault switch of the platform this scenario's people use (the target, or the instance it
   * moved them onto), where the suite holds the service secret; what it switches on, this scenario clears.
   */
  faults(on: { apiUrl: string } = this.activeInstance ?? this.target): FaultClient | undefined {
    const secret = this.target.secrets.service;
    return secret ? new FaultClient(on.apiUrl, secret, this.faultScopes) : undefined;
  }

  /** Starts another reference platform instance (see startExtraInstance); undefined against a remote target. */
  async startInstance(overrides: NodeJS.ProcessEnv = {}): Promise<Instance | undefined> {
    const instance = await startExtraInstance(overrides);
    return instance && this.keepInstance(instance);
  }

  /**
   * Another instance sharing the target's stores: the deployment's second instance where its
   * addresses are given (APEX_SECOND_*), else one this scenario starts; undefined when neither can be.
   */
  async anotherInstance(): Promise<Instance | undefined> {
    const given = this.target.secondInstance;
    if (!given) return this.startInstance();
    // The deployment's own: used, never stopped.
    this.instances.push({ ...given, stop: async () => undefined });
    return this.instances.at(-1);
  }

  /** Moves everyone, present and future, onto this instance. */
  moveEveryoneTo(instance: Instance): void {
    this.activeInstance = instance;
    this.sessions.forEach((session) => session.useInstance(instance));
  }

  /** Whoever used one instance uses another from now on (the same platform, started again). */
  replaceInstance(gone: Instance, next: Instance): void {
    if (this.activeInstance === gone) this.activeInstance = next;
    this.sessions.forEach((session) => session.chatUrl === gone.wsUrl && session.useInstance(next));
  }

  get latestInstance(): Instance {
    const instance = this.instances.at(-1);
    if (!instance) throw new Error('No extra platform instance was started in this scenario.');
    return instance;
  }

  /**
   * A check this target cannot make (no probe into its stores): the step passes, the scenario goes
   * on with what it can check, and the report lists what was not checked and why.
   */
  notChecked(reason: string): undefined {
    this.log(`Not checked: ${reason}`);
    return undefined;
  }

  /** Marks the step skipped, saying why in the report. */
  skip(reason: string): 'skipped' {
    this.log(`Skipped: ${reason}`);
    return 'skipped';
  }

  /** Attaches evidence to the report, always redacted. */
  evidence(content: string | object, mediaType: 'text/plain' | 'text/html' | 'application/json' = typeof content === 'string' ? 'text/plain' : 'application/json'): void {
    this.attach(typeof content === 'string' ? redact(content) : redactJson(content), mediaType);
  }

  /**
   * Undoes `undo` when the scenario ends, whatever its outcome, before anything set up earlier:
   * what was set up later may stand on it (an instance on its stand-in, a link's repair before the
   * instance behind it stops).
   */
  onCleanUp(undo: () => unknown): void {
    this.undo.push(undo);
  }

  /** An instance this scenario started: named by latestInstance, and stopped when the scenario ends. */
  keepInstance<T extends Instance>(instance: T): T {
    this.instances.push(instance);
    this.onCleanUp(() => instance.stop());
    return instance;
  }

  /** A stand-in for an outside service this scenario started: stopped when the scenario ends. */
  keepStandIn<T extends { stop(): Promise<void> }>(standIn: T): T {
    this.onCleanUp(() => standIn.stop());
    return standIn;
  }

  async cleanUp(): Promise<void> {
    // People's sockets first, wherever they point: none may outlive the scenario.
    await Promise.allSettled([...this.sessions.values()].map((session) => closeSockets(session)));
    // One failure to undo must not leave the rest in place; the scenario's outcome is already known.
    for (const undo of this.undo.splice(0).reverse()) await Promise.resolve().then(undo).catch(() => undefined);
  }
}

setWorldConstructor(ApexWorld);
