import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { JUnitXmlPrinter } from '@cucumber/junit-xml-formatter';
import { SuiteConfigError } from '../../support/target';
import { readEnvelopes } from './messages';

/**
 * A sharded run (`--shard INDEX/TOTAL`) keeps everything the merge needs in
 * reports/shards/INDEX-of-TOTAL/; CI gathers those folders from every machine under reports/shards/
 * and `npm run report` makes one report, one message stream and one JUnit file of them.
 */
export const SHARDS_DIR = 'reports/shards';
/** What each shard keeps, from where the run wrote it. */
const KEPT: Record<string, string> = {
  'messages.ndjson': 'reports/messages.ndjson',
  'cucumber.json': 'reports/json/cucumber.json',
  'junit.xml': 'reports/junit.xml',
  'target.json': 'reports/target.json',
  'run.json': 'reports/run.json',
};

export interface Shard {
  index: number;
  total: number;
  dir: string;
}

const shardAt = (index: number, total: number): Shard => ({ index, total, dir: `${SHARDS_DIR}/${index}-of-${total}` });

/** The shard of a run's "INDEX/TOTAL" option; none for a whole run. */
export function shardNamed(option: string | undefined): Shard | undefined {
  if (!option) return undefined;
  const [index, total] = option.split('/').map(Number);
  return shardAt(index, total);
}

/**
 * Clears a run's reports before it starts. The main run's folder holds the load run's report
 * (reports/load/), which it keeps; a shard's run also keeps the other shards' folders, so that
 * shards run one after another on one machine can be merged as CI would merge them.
 */
export function clearReports(shard?: Shard, dir = 'reports'): void {
  if (dir !== 'reports') return rmSync(dir, { recursive: true, force: true });
  const kept = shard ? ['load', 'shards'] : ['load'];
  for (const entry of existsSync(dir) ? readdirSync(dir) : []) if (!kept.includes(entry)) rmSync(`${dir}/${entry}`, { recursive: true, force: true });
  if (shard) rmSync(shard.dir, { recursive: true, force: true });
}

/** Copies the shard's outputs into its own folder, where the merge will look for them. */
export function keepShardOutput(shard: Shard): void {
  mkdirSync(shard.dir, { recursive: true });
  for (const [name, from] of Object.entries(KEPT)) if (existsSync(from)) copyFileSync(from, `${shard.dir}/${name}`);
}

/**
 * The gathered shards, checked to be one whole run: every shard of the same total is there once,
 * and no scenario ran in two of them. Undefined when nothing was gathered.
 */
export function gatheredShards(): Shard[] | undefined {
  if (!existsSync(SHARDS_DIR)) return undefined;
  const folders = readdirSync(SHARDS_DIR).sort();
  if (folders.length === 0) return undefined;
  const shards = folders.map((folder) => {
    const match = /^(\d+)-of-(\d+)$/.exec(folder);
    if (!match) throw new SuiteConfigError(`${SHARDS_DIR}/${folder} is not a shard's folder: gather each shard's reports/shards/INDEX-of-TOTAL folder as it is.`);
    return shardAt(Number(match[1]), Number(match[2]));
  });
  const totals = [...new Set(shards.map((s) => s.total))];
  if (totals.length > 1) throw new SuiteConfigError(`The gathered shards come from runs split differently (${folders.join(', ')}): gather the shards of one run only.`);
  const total = totals[0];
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !shards.some((s) => s.index === i));
  if (missing.length) {
    const named = missing.length === 1 ? `Shard ${missing[0]} of ${total} is missing: ${shardAt(missing[0], total).dir} was` : `Shards ${missing.join(', ')} of ${total} are missing: ${missing.map((i) => shardAt(i, total).dir).join(', ')} were`;
    throw new SuiteConfigError(`${named} not gathered, so the merged report would leave out ${missing.length === 1 ? 'its' : 'their'} scenarios.`);
  }
  for (const shard of shards) {
    if (!existsSync(`${shard.dir}/messages.ndjson`)) throw new SuiteConfigError(`${shard.dir} holds no messages.ndjson: gather the whole folder the shard's run wrote.`);
  }
  // A folder copied over another's name shows as the same scenario run twice.
  const ranIn = new Map<string, string>();
  for (const shard of shards) {
    for (const scenario of scenariosRun(readEnvelopes(`${shard.dir}/messages.ndjson`))) {
      const other = ranIn.get(scenario);
      if (other) throw new SuiteConfigError(`Shard ${shard.index} of ${total} duplicates ${other}: both ran ${scenario}. Gather each shard's own folder once.`);
      ranIn.set(scenario, `shard ${shard.index} of ${total}`);
    }
  }
  return shards;
}


/** Each scenario a stream ran, as "file:line" of its pickle (an Examples row has its own line). */
function scenariosRun(envelopes: any[]): string[] {
  const pickles = new Map<string, string>();
  const cases = new Map<string, string>();
  const ran = new Set<string>();
  for (const e of envelopes) {
    if (e.pickle) pickles.set(e.pickle.id, `${e.pickle.uri}:${e.pickle.location?.line}`);
    else if (e.testCase) cases.set(e.testCase.id, e.testCase.pickleId);
    else if (e.testCaseStarted) ran.add(pickles.get(cases.get(e.testCaseStarted.testCaseId)!)!);
  }
  return [...ran];
}

const seconds = (t: { seconds: number; nanos: number }) => t.seconds + t.nanos / 1e9;

/**
 * One message stream of the shards' streams, as one machine would have written it: one meta, one
 * test run (from the first shard's start to the last one's end, successful only if every shard
 * was), and every shard's own documents, pickles, definitions and test cases under it. Pickles of
 * scenarios a shard did not run are kept only from the first shard, so each scenario is stated once.
 */
function mergeMessages(shards: Shard[]): any[] {
  const streams = shards.map((s) => readEnvelopes(`${s.dir}/messages.ndjson`));
  const runsStarted = streams.map((stream) => stream.find((e) => e.testRunStarted).testRunStarted);
  const runsFinished = streams.map((stream) => stream.find((e) => e.testRunFinished)?.testRunFinished);
  const runId = runsStarted[0].id;
  const merged: any[] = [streams[0].find((e) => e.meta)];
  streams.forEach((stream, i) => {
    const ranHere = new Set(stream.filter((e) => e.testCase).map((e) => e.testCase.pickleId));
    for (const envelope of stream) {
      if (envelope.meta || envelope.testRunStarted || envelope.testRunFinished) continue;
      if (i > 0 && envelope.pickle && !ranHere.has(envelope.pickle.id)) continue;
      // Every shard's test cases and hooks belong to the one merged run.
      merged.push(i > 0 ? JSON.parse(JSON.stringify(envelope).split(runsStarted[i].id).join(runId)) : envelope);
    }
  });
  const started = runsStarted.reduce((a, b) => (seconds(b.timestamp) < seconds(a.timestamp) ? b : a));
  merged.splice(1, 0, { testRunStarted: { ...started, id: runId } });
  const finished = runsFinished.filter(Boolean).reduce((a, b) => (seconds(b.timestamp) > seconds(a.timestamp) ? b : a));
  merged.push({ testRunFinished: { ...finished, testRunStartedId: runId, success: runsFinished.every((f) => f?.success) } });
  return merged;
}

/** Cucumber JSON of the shards as one: a feature split across shards is one feature again. */
function mergeCucumberJson(shards: Shard[]): any[] {
  const byUri = new Map<string, any>();
  for (const shard of shards) {
    const file = `${shard.dir}/cucumber.json`;
    if (!existsSync(file)) continue;
    for (const feature of JSON.parse(readFileSync(file, 'utf8'))) {
      const known = byUri.get(feature.uri);
      if (known) known.elements.push(...(feature.elements ?? []));
      else byUri.set(feature.uri, { ...feature, elements: [...(feature.elements ?? [])] });
    }
  }
  for (const feature of byUri.values()) feature.elements.sort((a: any, b: any) => a.line - b.line);
  return [...byUri.values()].sort((a, b) => a.uri.localeCompare(b.uri));
}

/** Writes the merged stream, Cucumber JSON, JUnit and target where a single run writes its own. */
export function mergeShards(shards: Shard[]): void {
  const messages = mergeMessages(shards);
  writeFileSync('reports/messages.ndjson', messages.map((e) => JSON.stringify(e)).join('\n') + '\n');
  mkdirSync('reports/json', { recursive: true });
  writeFileSync('reports/json/cucumber.json', JSON.stringify(mergeCucumberJson(shards)));
  let junit = '';
  const printer = new JUnitXmlPrinter({ suiteName: 'Apex Specs' }, (content) => (junit += content));
  for (const envelope of messages) printer.update(envelope);
  writeFileSync('reports/junit.xml', junit);
  const target = `${shards[0].dir}/target.json`;
  if (existsSync(target)) copyFileSync(target, 'reports/target.json');
  const run = `${shards[0].dir}/run.json`;
  if (existsSync(run)) writeFileSync('reports/run.json', JSON.stringify({ ...JSON.parse(readFileSync(run, 'utf8')), shard: undefined, shards: shards.length }, null, 2));
}
