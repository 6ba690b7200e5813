import { rmSync } from 'node:fs';
import { exitOnError, prepareRun } from './lib/prepare-run';
import { summarise, writeHtmlReport } from './lib/reports';
import { readOutcomes } from './lib/messages';
import { redactionCheck, runAgainstPlatformProcess } from './lib/checks';
import { SuiteConfigError } from '../support/target';

/** The two halves of the default profile, each against a platform working at its own pace (cucumber.mjs). */
const HALVES = [
  { name: 'at the test pace (AGENT_TIME_SCALE=0.01), with a second instance', profile: 'remoteTestPace', dir: 'reports/remote-check/test-pace', timeScale: 0.01, secondInstance: true },
  { name: 'at the realistic pace (AGENT_TIME_SCALE=1): the agent journeys and @smoke', profile: 'remoteRealisticPace', dir: 'reports/remote-check/realistic-pace', timeScale: 1 },
];

/**
 * `npm run remote-check`: the whole default profile against the reference platform started as a
 * process of its own and addressed only through APEX_* settings, as a deployment would be. It
 * passes when no scenario fails and every skip names what such a deployment lacks.
 */
async function main(): Promise<void> {
  const started = Date.now();
  if (process.env.APEX_API_URL) throw new SuiteConfigError('npm run remote-check starts a platform of its own to point the specification at; unset the APEX_* settings, or run npm run specs to judge the configured target.');
  const prepared = await prepareRun();
  // Not the first line: that one describes the run's own platforms, which this check does not use.
  prepared.description.slice(1).forEach((line) => console.log(line));
  HALVES.forEach((half) => rmSync(half.dir, { recursive: true, force: true }));
  console.log(`\nRunning the default profile against the platform as a process of its own, in two halves at once (${HALVES.map((h) => h.name).join('; ')}):`);
  let codes: number[];
  try {
    codes = await Promise.all(HALVES.map((half) => runAgainstPlatformProcess(prepared, { args: ['--profile', half.profile], reportsDir: half.dir, timeScale: half.timeScale, quiet: true, secondInstance: 'secondInstance' in half })));
  } finally {
    await prepared.stop();
  }

  let passed = 0;
  let failed = 0;
  const problems: string[] = [];
  HALVES.forEach((half, i) => {
    // Read once: the summary and the skip reasons come from the same outcomes.
    const outcome = readOutcomes(`${half.dir}/messages.ndjson`);
    const summary = summarise(`${half.dir}/messages.ndjson`, outcome);
    const scenarios = outcome?.scenarios ?? [];
    writeHtmlReport(prepared, half.dir);
    console.log(`\n${half.name}: ${summary.line}. Report: ${half.dir}/html/index.html`);
    for (const failure of summary.failures) console.log(`  failed   ${failure}`);
    // A skip must say what the deployment lacks, so that a deployer can tell a gap from a defect.
    const reasons = new Map<string, number>();
    for (const scenario of scenarios.filter((s) => s.status === 'SKIPPED')) {
      if (!scenario.skipReason) problems.push(`${scenario.uri}: ${scenario.name} was skipped without saying why`);
      const reason = scenario.skipReason ?? 'no reason given';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  skipped  ${String(count).padStart(3)} × ${reason}`);
    if (codes[i] !== 0 && summary.failed === 0) problems.push(`the run ${half.name} ended with exit code ${codes[i]} and no failed scenario; its output above says why`);
    if (summary.passed === 0) problems.push(`nothing was checked ${half.name}`);
    passed += summary.passed;
    failed += summary.failed;
  });
  // The reports of a deployment's run are read by more people than the deployment's operators.
  const redaction = redactionCheck(prepared.secrets);
  if (!redaction.ok) problems.push(redaction.detail);
  for (const problem of problems) console.log(`  FAILED   ${problem}`);
  console.log(`\nRemote check (${((Date.now() - started) / 1000).toFixed(0)} s): ${failed || problems.length ? 'FAILED' : 'the whole default profile passes against the platform as a deployment, and every skip says what a deployment lacks'}.`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed || problems.length ? 1 : 0);
}

main().catch(exitOnError);
