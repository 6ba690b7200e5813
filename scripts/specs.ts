import { cucumber, slowFirst } from './lib/cucumber-process';
import { exitOnError, prepareRun } from './lib/prepare-run';
import { summarise, writeHtmlReport } from './lib/reports';
import { readOutcomes } from './lib/messages';
import { explainUndefined } from './lib/undefined-steps';
import { clearReports, keepShardOutput, shardNamed } from './lib/shards';
import { runConfigurationOf, writeRunConfiguration } from './lib/run-configuration';

/**
 * `npm run specs [-- cucumber options]`: the specification run alone, e.g.
 * `npm run specs -- --tags @smoke`. Prints what it runs against, then a one-line summary and the report.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const run = await runConfigurationOf(args);
  const shard = shardNamed(run.shard);
  // Before anything else can fail, so that a run that did not start leaves no earlier run's reports.
  const reports = run.reportsDir;
  clearReports(shard, reports);
  writeRunConfiguration(run);
  // A run that would check nothing fails before it starts a platform for nothing.
  if (run.planned === 0) {
    console.error(`Nothing was checked: no scenario matches ${args.join(' ') || 'the default profile'}; check the tag expression or paths against docs/journeys.md.`);
    process.exit(1);
  }
  const prepared = await prepareRun();
  prepared.description.forEach((line) => console.log(line));
  let code: number;
  try {
    code = await cucumber(slowFirst(args), { ...prepared.env, APEX_REPORTS_DIR: reports });
  } finally {
    await prepared.stop();
  }
  if (shard) keepShardOutput(shard);
  const summary = summarise(`${reports}/messages.ndjson`);
  for (const scenario of readOutcomes(`${reports}/messages.ndjson`)?.scenarios ?? []) {
    for (const step of scenario.undefinedSteps) console.log(`\nUndefined step in ${scenario.uri} (${scenario.name}): "${step.text}"\n${explainUndefined(step.text, `${reports}/messages.ndjson`)}`);
  }
  const report = writeHtmlReport(prepared, reports) ? `${reports}/html/index.html` : 'not written (no scenarios ran)';
  for (const failure of summary.failures) console.log(`  failed   ${failure}`);
  console.log(`\nApex Specs: ${summary.line}. Report: ${report}`);
  // A run that checked nothing is never green: no scenario matched, or every one was skipped.
  if (code === 0 && summary.passed === 0) {
    const asked = args.join(' ') || 'the default profile';
    console.error(
      summary.total
        ? `Nothing was checked: every scenario of ${asked} was skipped, for the reasons printed above.`
        : `Nothing was checked: no scenario matches ${asked}; check the tag expression or paths against docs/journeys.md.`,
    );
    process.exit(1);
  }
  process.exit(code);
}

main().catch(exitOnError);
