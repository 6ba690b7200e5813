import { HTML_REPORT, REPORTS, cleanReports, cucumber, exitOnError, nameShardOutput, prepareRun, slowFirst, summarise, writeHtmlReport } from './lib/run';

/**
 * `npm run specs [-- cucumber options]`: the specification run alone, e.g.
 * `npm run specs -- --tags @smoke`. Prints what it runs against, then a one-line summary and the report.
 */
async function main(): Promise<void> {
  const prepared = await prepareRun();
  prepared.description.forEach((line) => console.log(line));
  cleanReports();
  let code: number;
  try {
    code = await cucumber(slowFirst(process.argv.slice(2)), prepared.env);
  } finally {
    await prepared.stop();
  }
  nameShardOutput(process.argv.slice(2));
  const summary = summarise(`${REPORTS}/messages.ndjson`);
  const report = writeHtmlReport(prepared) ? HTML_REPORT : 'not written (no scenarios ran)';
  for (const failure of summary.failures) console.log(`  failed   ${failure}`);
  console.log(`\nApex Specs: ${summary.line}. Report: ${report}`);
  // A run that checked nothing is never green: no scenario matched, or every one was skipped.
  if (code === 0 && summary.passed === 0) {
    const asked = process.argv.slice(2).join(' ') || 'the default profile';
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
