/**
 * How long the suite waits for what it expects, in one place. Every wait ends as soon as what it
 * waits for arrives, so a generous deadline costs a passing scenario nothing: it only sets how
 * long a failing one takes to say what arrived instead. Deadlines a scenario states itself ("within
 * 3 seconds") and those that follow the target's own timing (a run's deadline, a breaker's
 * cool-down) are not here: they come from the feature or the target.
 */
export const DEADLINES = {
  /** The platform's answer to one message on an open chat (a pong, a thread, an error_message), or its first word on a new connection: milliseconds, when all is well. */
  reply: 5_000,
  /** A connection the platform has a reason to close, closing. */
  close: 5_000,
  /** A quick run at the suite's pace (the cost optimizer), from question to answer. */
  quickRun: 5_000,
  /** A stored row or a log line catching up with what was just sent or done. */
  storage: 5_000,
  /** State that follows by itself, a little later: replies across several connections, holds that end, a stalled reader dropped. */
  settle: 10_000,
  /** An agent run at the pace of a busy machine, where the scenario checks what it says rather than when. */
  slowRun: 30_000,
  /** One HTTP request: long enough for one the platform deliberately keeps waiting, short of a step's timeout. */
  request: 15_000,
  /** An answer while a dependency is silent: the platform's own patience decides, this only stops a hang from hanging the scenario. */
  underOutage: 60_000,
  /** A platform process (or a private redis-server) coming up: started, migrated, listening. */
  processStart: 30_000,
  /** A platform process that must refuse to start, saying why. */
  processRefusal: 20_000,
  /** After a bound the platform must keep, how much longer the suite watches, to report what happened instead. */
  grace: 5_000,
  /** The longest a scenario may wait for a window or a token to run out; a longer one is a mistake in the scenario. */
  longestWait: 60_000,
  /** A socket that closes politely before it is cut. */
  politeClose: 1_000,
} as const;

/** Cucumber's own limits: a hung step or hook fails with its name instead of stalling the run. */
export const HOOK_TIMEOUTS = {
  /** The longest step: a deep analysis at the realistic pace, with room. */
  step: 300_000,
  /** A worker's platform and services coming up. */
  beforeAll: 120_000,
  afterAll: 30_000,
  /** A scenario's own platform instance, or its evidence and clean-up. */
  scenarioHook: 30_000,
  faultCheck: 10_000,
} as const;
