// @ts-check
// Scenarios that each start a platform of their own under mutation testing, so that what a
// platform sets up when it starts (its routes' request schemas, the chat server's options) is
// tried against the scenarios that would notice it going wrong: see the Before hook that reads
// this in support/hooks.ts, and ignoreStatic below. They are the journeys about
// what requests and connections may carry; none injects faults, which go to the worker's platform.
process.env.APEX_FRESH_PLATFORM_TAGS ??=
  '(@auth or @SEC-01 or @SEC-08 or @AGENT-09 or @DATA-05 or @RT-06) and not @fault-injection and not @slow';

/**
 * Mutation testing of the reference platform, with the specification as the test suite.
 * Run it through `npm run mutation` (scripts/mutation.ts): that picks the services the way
 * `npm test` does, keeps the incremental file whole after a one-file run and writes
 * docs/mutation.md. See "Mutation testing" in README.md.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'cucumber',
  cucumber: { profile: 'stryker' },
  // platform/server and platform/main.ts are start-up wiring and configuration: they run once,
  // before any scenario, so per-scenario coverage cannot tell which scenario needs them; the
  // specification covers them by starting the platform at all.
  // platform/store/in-process-cache.ts stands in for Redis only on machines without one; the
  // specification runs against real Redis, so no scenario could notice its mutants.
  mutate: ['platform/{auth,backend,realtime,agents,store}/**/*.ts', '!platform/store/in-process-cache.ts'],
  // swc compiles the sandbox without type checks; the comment keeps `tsc` quiet about the switches
  // should anyone type-check it. (Stryker's default only covers src/, lib/ and test/.)
  disableTypeChecks: 'platform/**/*.ts',

  // Each mutant runs only the scenarios that reached its code in the dry run.
  coverageAnalysis: 'perTest',
  // Code that runs only outside a scenario (module load, the platform's start in BeforeAll) is
  // "static": Stryker would restart the runner and run the whole specification for each such
  // mutant, which is hours here. They are reported as Ignored instead. Code reached both at
  // start-up and in scenarios is still tested: every mutant run starts its own platform in
  // BeforeAll with the mutant already switched on.
  // Such "hybrid" code (route schemas, for one) is tested only against the scenarios that ran it,
  // i.e. those that start an instance of their own; APEX_FRESH_PLATFORM_TAGS above makes the
  // scenarios that would notice (a too-long title refused, say) start one each. Turning this off
  // would instead cost a worker restart and a whole-specification run for each such mutant.
  ignoreStatic: true,

  // The machine is shared and slow; raise it with --concurrency N.
  concurrency: 1,
  // The dry run is the whole specification in one process, one scenario at a time.
  dryRunTimeoutMinutes: 20,
  // Scenarios wait on real sockets and timers; a mutant that makes a run hang is a timeout
  // (counted as detected) after 1.5× its scenarios' time plus this.
  timeoutMS: 15_000,
  timeoutFactor: 1.5,

  incremental: true,
  incrementalFile: 'docs/mutation/stryker-incremental.json',

  reporters: ['progress', 'clear-text', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // docs/mutation.md lists the survivors; the console keeps to the score table.
  clearTextReporter: { allowColor: false, reportTests: false, reportMutants: false },
  thresholds: { high: 80, low: 60, break: null },

  // Only what the scenarios load goes into the sandbox.
  ignorePatterns: ['/reports', '/docs'],
  tempDirName: '.stryker-tmp',
};
