import { existsSync, readdirSync, rmSync } from 'node:fs';
import { HTML_REPORT, REPORTS, summarise, writeHtmlReport } from './lib/reports';
import { exitOnError } from './lib/prepare-run';
import { SHARDS_DIR, gatheredShards, mergeShards } from './lib/shards';
import { SuiteConfigError } from '../support/target';

/**
 * `npm run report`: the reviewer's report again. After a sharded CI run whose shards' folders were
 * gathered under reports/shards/ (see the README), it first merges them into one message stream,
 * one Cucumber JSON and one JUnit file, as one machine would have written them; its exit code is
 * then the whole run's.
 */
async function main(): Promise<void> {
  const shards = gatheredShards();
  if (shards) {
    // Only the shards' folders are the run; anything else in reports/ is from an earlier run.
    for (const entry of readdirSync(REPORTS)) if (entry !== 'shards') rmSync(`${REPORTS}/${entry}`, { recursive: true, force: true });
    mergeShards(shards);
  }
  const files = existsSync(`${REPORTS}/json`) ? readdirSync(`${REPORTS}/json`).filter((f) => f.endsWith('.json')) : [];
  if (files.length === 0) throw new SuiteConfigError(`There is nothing to report: run the specification, or gather each shard's folder under ${SHARDS_DIR}/, first.`);
  const source = shards ? `${shards.length} shards merged from ${SHARDS_DIR}/` : `${REPORTS}/json`;
  const written = writeHtmlReport({ env: process.env, description: [`Target: ${source}`], secrets: [], stop: async () => undefined });
  const summary = summarise(`${REPORTS}/messages.ndjson`);
  for (const failure of summary.failures) console.log(`  failed   ${failure}`);
  console.log(`Apex Specs: ${summary.line}, from ${source}. Report: ${written ? HTML_REPORT : 'not written (no scenarios ran)'}${shards ? `; JUnit: ${REPORTS}/junit.xml` : ''}`);
  if (shards) process.exit(summary.failed === 0 && summary.passed > 0 ? 0 : 1);
}

main().catch(exitOnError);
