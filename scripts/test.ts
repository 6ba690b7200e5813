import { HTML_REPORT, REPORTS, reportCounts, summarise, writeHtmlReport } from './lib/reports';
import { cucumber, whenScenariosStarted, slowFirst } from './lib/cucumber-process';
import { exitOnError, prepareRun } from './lib/prepare-run';
import { CheckResult, biteCheck, redactionCheck, remoteCheck, stepsCheck, typecheck, unitCheck } from './lib/checks';
import { browserCheck, launchChromium } from './lib/browser-check';
import { gherkinFormatCheck } from './lib/gherkin-format';
import { EDITOR_SETTINGS, GUIDE, editorSettings, guideWithCatalogue } from './steps';
import { readFileSync } from 'node:fs';
import { clearReports } from './lib/shards';
import { runConfigurationOf, writeRunConfiguration } from './lib/run-configuration';

/** The step catalogue in the guide is the one the step definitions make now. */
function guideCheck(): CheckResult {
  const current = readFileSync(GUIDE, 'utf8') === guideWithCatalogue() && readFileSync(EDITOR_SETTINGS, 'utf8') === editorSettings();
  return current
    ? { name: 'guide', ok: true, detail: `${GUIDE} lists every step with an example, and ${EDITOR_SETTINGS} knows every parameter type` }
    : { name: 'guide', ok: false, detail: `the step catalogue in ${GUIDE} or the parameter types in ${EDITOR_SETTINGS} are out of date; run npm run steps` };
}

/**
 * `npm test`: the project's own checks and the whole specification against the reference
 * platform (or the configured target), ending in one summary line and the report's path.
 */
async function main(): Promise<void> {
  const started = Date.now();
  clearReports();
  const configuration = await runConfigurationOf([]);
  writeRunConfiguration(configuration);
  const prepared = await prepareRun();
  prepared.description.forEach((line) => console.log(line));

  const checks: CheckResult[] = [];
  let scenarios;
  try {
    console.log('\nRunning the specification:');
    const run = cucumber(slowFirst([]), prepared.env);
    // The specification mostly waits on sockets and timers, so every check that needs none of
    // its results (the type check, the steps' dry run, and the bite and remote runs, each on a
    // platform of its own) runs beside it instead of before or after it. They start once every
    // worker has its platform up: started with the workers, they doubled the workers' start-up.
    const besideRun = whenScenariosStarted(`${REPORTS}/messages.ndjson`, Math.max(1, configuration.workers), 30_000, run);
    // The checks that read only files run beside the specification too; the guide's needs the steps check's dry run.
    const early = besideRun.then(() => Promise.all([typecheck(), stepsCheck(prepared.env).then((steps) => [steps, gherkinFormatCheck(), guideCheck()]), unitCheck()]));
    const platformChecks = besideRun.then(() =>
      Promise.all(
        prepared.env.APEX_API_URL
          ? [{ name: 'bite', ok: true, skipped: true, detail: 'skipped: the bite check breaks the reference platform, and a remote target is configured' }]
          : [biteCheck(prepared.env), remoteCheck(prepared)],
      ),
    );
    const code = await run;
    const [types, steps, unit] = await early;
    checks.push(types, ...steps, unit);
    scenarios = summarise(`${REPORTS}/messages.ndjson`);
    checks.push({ name: 'specification', ok: code === 0 && scenarios.total > 0, detail: scenarios.line });
    // Chromium comes up while the report is written.
    const chromium = launchChromium();
    if (writeHtmlReport(prepared)) checks.push(await browserCheck(reportCounts(), chromium));
    else await chromium.then((browser) => browser?.close(), () => undefined);
    checks.push(...(await platformChecks));
    checks.push(redactionCheck(prepared.secrets));
  } finally {
    await prepared.stop();
  }

  console.log('');
  for (const failure of scenarios?.failures ?? []) console.log(`  failed   ${failure}`);
  for (const check of checks) console.log(`${check.skipped ? '  skipped' : check.ok ? '  ok     ' : '  FAILED '} ${check.name}: ${check.detail}`);
  const failedChecks = checks.filter((c) => !c.ok).map((c) => c.name);
  const skippedChecks = checks.filter((c) => c.skipped).map((c) => c.name);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const verdict = failedChecks.length ? `FAILED: ${failedChecks.join(', ')}` : `all checks passed${skippedChecks.length ? ` but ${skippedChecks.join(', ')}, skipped` : ''}`;
  console.log(`\nApex Specs: ${scenarios?.line ?? 'no scenarios ran'}; ${verdict} (${seconds} s). Report: ${HTML_REPORT}`);
  // The last line is the verdict, whichever part of the run failed.
  console.log(`${scenarios?.passed ?? 0} passed, ${scenarios?.failed ?? 0} failed${failedChecks.length ? `; checks failed: ${failedChecks.join(', ')}` : ''}`);
  process.exit(failedChecks.length ? 1 : 0);
}

main().catch(exitOnError);
