import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { minimatch } from 'minimatch';
import type { FileResult, MutantResult, MutantStatus, MutationTestResult } from 'mutation-testing-report-schema' with { 'resolution-mode': 'import' };
import { SuiteConfigError, targetConfigFromEnv } from '../support/target';
import { exitOnError, prepareRun } from './lib/prepare-run';

// What Stryker mutates and how it runs, and why: stryker.config.mjs.
const INCREMENTAL = 'docs/mutation/stryker-incremental.json';
const REPORT = 'reports/mutation/mutation.json';
const SUMMARY = 'docs/mutation.md';
const STRYKER = join(dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');

function readReport(file: string): MutationTestResult | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as MutationTestResult) : undefined;
}

function stryker(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [STRYKER, 'run', ...args], { env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Whether this run mutated a file: it matches the run's `mutate` patterns (line ranges and `!` exclusions as Stryker reads them). */
function mutatedThisRun(report: MutationTestResult): (file: string) => boolean {
  // Stryker records the options it ran with, `mutate` as given in stryker.config.mjs or after --mutate.
  const patterns = (report.config as { mutate?: string[] } | undefined)?.mutate ?? [];
  const glob = (pattern: string) => pattern.replace(/^!/, '').replace(/^\.\//, '').replace(/:\d+(:\d+)?-\d+(:\d+)?$/, '');
  const included = patterns.filter((p) => !p.startsWith('!')).map(glob);
  const excluded = patterns.filter((p) => p.startsWith('!')).map(glob);
  return (file) => included.some((p) => minimatch(file, p)) && !excluded.some((p) => minimatch(file, p));
}

/**
 * Stryker's report keeps the earlier results of files this run did not mutate, but records each
 * file's source as it is now; after a one-file run, a file that changed meanwhile would look
 * already tested. Such files get back the source their results were made for, and files that no
 * longer exist are dropped.
 */
function withTestedSources(earlier: MutationTestResult | undefined, current: MutationTestResult): MutationTestResult {
  const mutated = mutatedThisRun(current);
  const files = Object.entries(current.files)
    .filter(([file]) => existsSync(file))
    .map(([file, result]) => {
      const before = earlier?.files[file];
      return [file, mutated(file) || !before ? result : { ...result, source: before.source }] as const;
    });
  return { ...current, files: Object.fromEntries(files) };
}

/**
 * Why each mutant was killed (a failure message with the sandbox's absolute paths) is not needed
 * to reuse a result, and is most of the file's size; the HTML report keeps it.
 */
function withoutKillMessages(report: MutationTestResult): MutationTestResult {
  const files = Object.fromEntries(
    Object.entries(report.files).map(([file, result]) => [file, { ...result, mutants: result.mutants.map(({ statusReason: _reason, ...mutant }) => mutant) }]),
  );
  return { ...report, files };
}

interface Counts {
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  ignored: number;
  errors: number;
  total: number;
}

const COUNTED: Partial<Record<MutantStatus, keyof Counts>> = {
  Killed: 'killed',
  Survived: 'survived',
  NoCoverage: 'noCoverage',
  Timeout: 'timeout',
  Ignored: 'ignored',
  RuntimeError: 'errors',
  CompileError: 'errors',
};

function countsOf(mutants: MutantResult[]): Counts {
  const counts: Counts = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, ignored: 0, errors: 0, total: mutants.length };
  for (const mutant of mutants) {
    const key = COUNTED[mutant.status];
    if (key) counts[key] += 1;
  }
  return counts;
}

/** Stryker's mutation score: detected among the mutants that were valid and not ignored. */
function score(c: Counts): string {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return valid ? `${((100 * (c.killed + c.timeout)) / valid).toFixed(1)} %` : 'n/a';
}

function row(name: string, c: Counts, note = ''): string {
  return `| ${name} | ${score(c)} | ${c.killed} | ${c.survived} | ${c.noCoverage} | ${c.timeout} | ${c.ignored} | ${c.errors} | ${c.total} |${note ? ` ${note} |` : ''}`;
}

function code(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const short = flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
  return short.includes('`') ? `\`\` ${short} \`\`` : `\`${short}\``;
}

/** docs/mutation.md: scores per folder and file, and every mutant the specification let live. */
function summaryMarkdown(report: MutationTestResult, ranAs: string): string {
  const mutated = mutatedThisRun(report);
  const files = (Object.entries(report.files) as [string, FileResult][]).sort(([a], [b]) => a.localeCompare(b));
  const folders = new Map<string, MutantResult[]>();
  for (const [file, result] of files) {
    const folder = dirname(file);
    folders.set(folder, [...(folders.get(folder) ?? []), ...result.mutants]);
  }
  const all = files.flatMap(([, result]) => result.mutants);
  const testedNow = files.filter(([file]) => mutated(file)).length;
  const header = (first: string, extra = '') => [
    `| ${first} | score | killed | survived | no coverage | timeout | ignored (static) | errors | total |${extra ? ` ${extra} |` : ''}`,
    `|---|--:|--:|--:|--:|--:|--:|--:|--:|${extra ? '---|' : ''}`,
  ];
  const when = (file: string, result: FileResult) => {
    if (mutated(file)) return 'last run';
    return readFileSync(file, 'utf8') !== result.source ? 'an earlier run; **changed since**' : 'an earlier run';
  };
  const undetected = files
    .map(([file, result]) => [file, result.mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')] as const)
    .filter(([, mutants]) => mutants.length);
  return [
    '# Mutation testing',
    '',
    `Written by \`npm run mutation\` from Stryker's report; do not edit. How to run it: "Mutation testing" in [README.md](../README.md).`,
    '',
    `Last run: ${ranAs}. ${testedNow === files.length ? `It tested ${files.length === 1 ? 'the file' : `all ${files.length} files`} below.` : `It tested ${testedNow} of the ${files.length} files below; the others' results come from earlier runs (kept in \`${INCREMENTAL}\`).`} Files of \`platform/\` missing below have not been tested yet.`,
    '',
    'Score: (killed + timeout) / (killed + timeout + survived + no coverage). Ignored mutants are static: their code runs only when a module loads or the platform starts, outside any scenario (see `stryker.config.mjs`). Errors are mutants whose run ended in an error (a TypeError in a step, or the runner failing) rather than a failed expectation; Stryker leaves them out of the score, as it does ignored ones.',
    '',
    '## By folder',
    '',
    ...header('folder'),
    ...[...folders].map(([folder, mutants]) => row(folder, countsOf(mutants))),
    row('**all**', countsOf(all)),
    '',
    '## By file',
    '',
    ...header('file', 'tested in'),
    ...files.map(([file, result]) => row(file, countsOf(result.mutants), when(file, result))),
    '',
    '## Mutants no scenario noticed',
    '',
    ...(undetected.length
      ? undetected.flatMap(([file, mutants]) => [
          `### ${file}`,
          '',
          ...[...mutants].sort((a, b) => a.location.start.line - b.location.start.line).map((m) => `- line ${m.location.start.line}, ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no scenario reaches it)' : ''}: ${code(m.replacement ?? '')}`),
          '',
        ])
      : ['None.', '']),
  ].join('\n');
}

/**
 * `npm run mutation [-- stryker options]`: StrykerJS over platform/ with the specification as the
 * tests, then docs/mutation.md. One file: `npm run mutation -- --mutate platform/agents/price-catalogue.ts`.
 */
async function main(): Promise<void> {
  if (targetConfigFromEnv().kind === 'remote') throw new SuiteConfigError('Mutation testing changes the reference platform, so it cannot run against a deployment: unset APEX_AUTH_URL, APEX_API_URL and APEX_WS_URL.');
  const args = process.argv.slice(2);
  const started = Date.now();
  const earlier = readReport(INCREMENTAL);
  rmSync(REPORT, { force: true });
  const prepared = await prepareRun();
  prepared.description.forEach((line) => console.log(line));
  let exitCode: number;
  try {
    exitCode = await stryker(args, prepared.env);
  } finally {
    await prepared.stop();
  }
  const current = readReport(REPORT);
  if (exitCode !== 0 || !current) {
    console.error(`Stryker ended with exit code ${exitCode}${current ? '' : ' and no report'}; ${SUMMARY} and ${INCREMENTAL} are left as they were.`);
    process.exit(exitCode || 1);
  }
  const merged = withoutKillMessages(withTestedSources(earlier, current));
  mkdirSync(dirname(INCREMENTAL), { recursive: true });
  writeFileSync(INCREMENTAL, JSON.stringify(merged, null, 2));
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const ranAs = `${new Date().toISOString().slice(0, 10)}, \`npm run mutation${args.length ? ` -- ${args.join(' ')}` : ''}\`, ${minutes} min`;
  writeFileSync(SUMMARY, summaryMarkdown(merged, ranAs));
  console.log(`\nMutation testing: ${SUMMARY}; HTML report: reports/mutation/mutation.html`);
}

main().catch(exitOnError);
