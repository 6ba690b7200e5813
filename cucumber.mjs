// Cucumber's profiles. Every profile loads the same support code; they differ in what they run
// and where their reports go (scripts/ and README.md, "The report", say who reads which).

const common = {
  require: ['support/**/*.ts', 'step-definitions/**/*.ts'],
  requireModule: ['ts-node/register'],
  formatOptions: { snippetInterface: 'async-await', junit: { suiteName: 'Apex Specs' } },
};

/** Everything a reviewer and CI read, written under one folder. */
const reportsIn = (dir) => [
  'progress',
  `json:${dir}/json/cucumber.json`,
  `junit:${dir}/junit.xml`,
  `message:${dir}/messages.ndjson`,
  `html:${dir}/cucumber.html`,
];

/** The load journeys and the timing comparisons: run alone, one at a time, by `npm run load`. */
const MEASURED = '@load or @timing';

export default {
  ...common,
  format: reportsIn('reports'),
  parallel: 6,
  tags: `not (${MEASURED})`,
  // Only scenarios tagged @flaky get a second try, and the report names any that needed it.
  retry: 1,
  retryTagFilter: '@flaky',
};

/** `npm run load`: its own report beside the main one, in reports/load/. */
export const load = { ...common, format: reportsIn('reports/load'), parallel: 0, tags: MEASURED };

/** The steps check: a dry run, to see that every step has exactly one definition. */
export const steps = { ...common, format: ['message:reports/steps/messages.ndjson'], dryRun: true };

/** The bite check: the smoke journeys against a platform broken on purpose. */
export const bite = { ...common, format: ['message:reports/bite/messages.ndjson'], tags: 'not @load' };

/** The remote check: the smoke journeys against a platform of its own process, through APEX_* settings. */
export const remote = { ...common, format: ['message:reports/remote/messages.ndjson'], tags: 'not @load' };

/**
 * `npm run remote-check`: the whole default profile against the reference platform as a process
 * of its own, addressed only by APEX_* settings: the agent journeys and @smoke at the realistic
 * pace (AGENT_TIME_SCALE=1), the rest at the test pace. The two run at once, so neither prints progress.
 */
const REALISTIC = '@agents or @smoke';
const remoteRun = (dir, tags) => ({ ...common, format: reportsIn(dir).filter((f) => f !== 'progress'), parallel: 6, tags, retry: 1, retryTagFilter: '@flaky' });
export const remoteTestPace = remoteRun('reports/remote-check/test-pace', `not (${MEASURED}) and not (${REALISTIC})`);
export const remoteRealisticPace = remoteRun('reports/remote-check/realistic-pace', `not (${MEASURED}) and (${REALISTIC})`);

/** Mutation testing (stryker.config.mjs): no reports, and nothing that measures time or needs a real model. */
export const stryker = { ...common, format: [], tags: 'not @load and not @real-llm and not @timing' };
