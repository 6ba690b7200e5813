// What a run leaves for its readers: the HTML report, and the one-line summary of the message stream.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { countByStatus, readOutcomes, readStated } from './messages';
import { coverageOf, journeySummary, readCatalogue, writeCoveragePage } from './journeys';
import { readRunConfiguration } from './run-configuration';
import { finishReportPages, readableMessage } from './report-pages';
import type { PreparedRun } from './prepare-run';

export const REPORTS = 'reports';
export const HTML_REPORT = `${REPORTS}/html/index.html`;
function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'not a git checkout';
  }
}

/**
 * The reviewer's report: multiple-cucumber-html-reporter over the run's Cucumber JSON, with
 * scenarios that passed only on their retry renamed as flaky, and the journey coverage page.
 */
export function writeHtmlReport(prepared: PreparedRun, dir = REPORTS): boolean {
  // Every JSON file in reports/json counts: one per run, or one per shard gathered after a sharded run.
  const files = existsSync(`${dir}/json`) ? readdirSync(`${dir}/json`).filter((f) => f.endsWith('.json')).map((f) => `${dir}/json/${f}`) : [];
  const documents = files.map((file) => ({ file, features: JSON.parse(readFileSync(file, 'utf8')) as { uri: string; elements?: { name: string; tags?: { name: string }[] }[] }[] }));
  if (documents.every((d) => d.features.length === 0)) return false;
  const scenarios = readOutcomes(`${dir}/messages.ndjson`)?.scenarios ?? [];
  const flaky = scenarios.filter((s) => s.status === 'PASSED' && s.attempts > 1);
  for (const { file, features } of documents) {
    for (const feature of features) {
      for (const element of feature.elements ?? []) {
        const skippedFor = scenarios.find((s) => s.status === 'SKIPPED' && s.skipReason && s.uri === feature.uri && s.name === element.name)?.skipReason;
        if (skippedFor && !element.name.includes('(SKIPPED')) element.name = `${element.name} (SKIPPED: ${skippedFor})`;
        if (!flaky.some((f) => f.uri === feature.uri && f.name === element.name) || element.name.includes('(FLAKY')) continue;
        element.name = `${element.name} (FLAKY: passed only on retry)`;
        element.tags = [...(element.tags ?? []), { name: '@passed-on-retry' }];
      }
    }
    writeFileSync(file, JSON.stringify(features));
  }
  const coverage = coverageOf(readCatalogue(), scenarios, readStated(`${dir}/messages.ndjson`), readRunConfiguration(dir)?.tags ?? '');
  const target = existsSync(`${dir}/target.json`) ? JSON.parse(readFileSync(`${dir}/target.json`, 'utf8')) : {};
  const details = [
    { name: 'Target', value: target.kind === 'remote' ? target.apiUrl : 'reference platform' },
    { name: 'Platform version', value: `${target.version ?? 'unknown'} (${target.environment ?? '?'}, llm ${target.llm ?? '?'})` },
    { name: 'Node', value: process.version },
    { name: 'Git commit', value: gitCommit() },
    ...prepared.description.filter((line) => !line.startsWith('Target:')).map((line) => ({ name: line.split(':')[0], value: line.slice(line.indexOf(':') + 1).trim() })),
  ];
  const links = [
    { label: 'Journeys', value: `<a href="journeys.html">${journeySummary(coverage)}</a>` },
    { label: 'Flaky (passed only on retry)', value: flaky.length ? flaky.map((f) => f.name).join('; ') : 'none' },
  ];
  // Loaded here: it is slow to require and only this step needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reporter = require('multiple-cucumber-html-reporter');
  reporter.generate({
    jsonDir: `${dir}/json`,
    reportPath: `${dir}/html`,
    pageTitle: 'Apex Specs',
    reportName: 'Apex Specs: behaviour of the Netra Apex platform',
    displayDuration: true,
    disableLog: true,
    displayReportTime: true,
    // The run's details once, in "This run", rather than as columns repeated on every feature's
    // row, which pushed the per-feature counts off a 1,400-pixel screen.
    hideMetadata: true,
    customData: { title: 'This run', data: [...details.map(({ name, value }) => ({ label: name, value })), ...links] },
  });
  // The reporter names each feature's page after a random id and the feature's own id.
  const pages = readdirSync(`${dir}/html/features`);
  const featureIds = new Map(documents.flatMap((d) => d.features.map((f) => [f.uri, (f as { id?: string }).id] as const)));
  const pageOf = (uri: string) => pages.find((page) => page.endsWith(`-${featureIds.get(uri)}.html`));
  const linkOf = (uri: string) => {
    const page = pageOf(uri);
    return page && `features/${page}`;
  };
  writeCoveragePage(`${dir}/html/journeys.html`, coverage, `Target: ${details[0].value}, platform ${details[1].value}, commit ${details[3].value}.`, linkOf);
  finishReportPages(`${dir}/html`, scenarios, linkOf);
  return true;
}

/** How many features and scenarios the Cucumber JSON holds: what the HTML report must show. */
export function reportCounts(dir = REPORTS): { features: number; scenarios: number } {
  const features = readdirSync(`${dir}/json`)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => JSON.parse(readFileSync(`${dir}/json/${f}`, 'utf8')) as { uri: string; elements?: { type: string }[] }[]);
  return { features: new Set(features.map((f) => f.uri)).size, scenarios: features.reduce((n, f) => n + (f.elements ?? []).filter((e) => e.type === 'scenario').length, 0) };
}

/** "7 scenarios: 6 passed, 1 skipped in 4.2 s", from the message stream. */
export function summarise(messagesFile: string, outcome = readOutcomes(messagesFile)): { line: string; passed: number; failed: number; total: number; failures: string[] } {
  if (!outcome) return { line: 'no scenarios ran', passed: 0, failed: 0, total: 0, failures: [] };
  const counts = countByStatus(outcome.scenarios);
  const total = outcome.scenarios.length;
  const passed = counts.PASSED ?? 0;
  const failed = total - passed - (counts.SKIPPED ?? 0);
  const flaky = outcome.scenarios.filter((s) => s.status === 'PASSED' && s.attempts > 1).length;
  const parts = Object.entries(counts).map(([status, n]) => `${n} ${status.toLowerCase()}${status === 'PASSED' && flaky ? ` (${flaky} flaky: passed only on retry)` : ''}`).join(', ');
  // The tail of a console log is often all a CI page shows, so each failure is named there in one line.
  const failures = outcome.scenarios
    .filter((s) => s.status !== 'PASSED' && s.status !== 'SKIPPED')
    .map((s) => `${s.uri}: ${s.name}: ${readableMessage(s.errors[0] ?? s.status.toLowerCase()).split('\n')[0].slice(0, 300)}`);
  const partly = outcome.scenarios.filter((s) => s.status === 'PASSED' && s.notChecked.length).length;
  const note = partly ? `; ${partly} passed without some checks the target could not have made (listed in the report)` : '';
  return { line: `${total} scenarios: ${parts || 'none'}${note} in ${(outcome.wallMs / 1000).toFixed(1)} s`, passed, failed, total, failures };
}
