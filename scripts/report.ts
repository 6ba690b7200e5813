import { existsSync, readdirSync } from 'node:fs';
import { HTML_REPORT, REPORTS, exitOnError, writeHtmlReport } from './lib/run';

/**
 * `npm run report`: the reviewer's report from every Cucumber JSON file in reports/json, as
 * after a sharded CI run whose shards' files were gathered there (see the README).
 */
async function main(): Promise<void> {
  const files = existsSync(`${REPORTS}/json`) ? readdirSync(`${REPORTS}/json`).filter((f) => f.endsWith('.json')) : [];
  if (files.length === 0) throw new Error(`There is no Cucumber JSON in ${REPORTS}/json: run the specification (or gather the shards' files there) first.`);
  const written = writeHtmlReport({ env: process.env, description: [`Target: shards ${files.join(', ')}`], secrets: [], stop: async () => undefined });
  console.log(written ? `Report from ${files.length} file(s): ${HTML_REPORT}` : 'No scenarios in the JSON files; no report written.');
}

main().catch(exitOnError);
