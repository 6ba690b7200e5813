import { existsSync, readFileSync, statSync } from 'node:fs';
import { Query } from '@cucumber/query';

/** What a Cucumber message stream says about each scenario, read back after a run. */
export interface ScenarioOutcome {
  name: string;
  uri: string;
  tags: string[];
  status: string;
  attempts: number;
  errors: string[];
  durationMs: number;
  undefinedSteps: { text: string; snippet?: string }[];
  ambiguousSteps: string[];
  /** Why it was skipped, as the step that skipped it logged ("Skipped: …"). */
  skipReason?: string;
  /** The step that failed, and its message. */
  failedStep?: string;
  /** Checks the target could not make, each with its reason ("Not checked: …"); the scenario passed on the rest. */
  notChecked: string[];
}

const SEVERITY = ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED', 'UNKNOWN'];
const worse = (a: string, b: string) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a);
/** A message timestamp or duration in milliseconds. */
export const ms = (d: { seconds: number; nanos: number }) => d.seconds * 1000 + d.nanos / 1e6;

/** A message stream's envelopes, one per line. */
export function readEnvelopes(file: string): any[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

const indexed = new Map<string, { version: string; query: Query }>();

/**
 * Cucumber's own index of a message stream: what each scenario was, did and attached. The summary,
 * the report and the journey page each read the run's stream; it is indexed once for as long as it
 * stays as it is.
 */
export function queryOf(file: string): Query {
  const { mtimeMs, size } = statSync(file);
  const version = `${mtimeMs}:${size}`;
  const known = indexed.get(file);
  if (known?.version === version) return known.query;
  const query = new Query();
  for (const envelope of readEnvelopes(file)) query.update(envelope);
  indexed.set(file, { version, query });
  return query;
}

export function readOutcomes(file: string): { scenarios: ScenarioOutcome[]; wallMs: number; success: boolean } | undefined {
  if (!existsSync(file)) return undefined;
  const query = queryOf(file);
  // Each scenario's last attempt: a retried scenario starts afresh, and its last attempt is the outcome.
  const scenarios = query.findAllTestCaseStarted().map((started): ScenarioOutcome => {
    const pickle = query.findPickleBy(started)!;
    const outcome: ScenarioOutcome = {
      name: pickle.name,
      uri: pickle.uri,
      tags: pickle.tags.map((t) => t.name),
      status: 'PASSED',
      attempts: started.attempt + 1,
      errors: [],
      durationMs: durationMs(query.findTestCaseDurationBy(started)),
      undefinedSteps: [],
      ambiguousSteps: [],
      notChecked: [],
    };
    for (const finished of query.findTestStepsFinishedBy(started)) {
      const result = finished.testStepResult;
      const testStep = query.findTestStepBy(finished);
      const pickleStep = testStep && query.findPickleStepBy(testStep);
      outcome.status = worse(outcome.status, result.status);
      if (result.message) outcome.errors.push(result.message);
      if (result.status === 'FAILED' && !outcome.failedStep) outcome.failedStep = pickleStep ? pickleStep.text : 'a hook';
      if (result.status === 'UNDEFINED' && pickleStep) outcome.undefinedSteps.push({ text: pickleStep.text, snippet: query.findSuggestionsBy(pickleStep)[0]?.snippets[0]?.code });
      if (result.status === 'AMBIGUOUS' && pickleStep) outcome.ambiguousSteps.push(`${pickleStep.text}: ${result.message ?? ''}`);
      for (const { body } of query.findAttachmentsBy(finished)) {
        if (body.startsWith('Not checked: ')) outcome.notChecked.push(body.slice('Not checked: '.length));
        else if (body.startsWith('Skipped: ') && !outcome.skipReason) outcome.skipReason = body.slice('Skipped: '.length);
      }
    }
    // A scenario its worker never finished (it crashed, or the run was cut short) did not pass, whatever its steps so far did.
    if (!query.findTestCaseFinishedBy(started)) {
      outcome.status = 'UNKNOWN';
      outcome.errors.push('It never finished: the run stopped before the scenario ended.');
    }
    return outcome;
  });
  return { scenarios, wallMs: durationMs(query.findTestRunDuration()), success: query.findTestRunFinished()?.success ?? false };
}

const durationMs = (d: { seconds: number; nanos: number } | undefined) => (d ? ms(d) : 0);

export function countByStatus(scenarios: ScenarioOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of scenarios) counts[s.status] = (counts[s.status] ?? 0) + 1;
  return counts;
}

/** A scenario the features state, run or not: every pickle of the stream, once. */
export interface StatedScenario {
  name: string;
  uri: string;
  line: number;
  tags: string[];
}

export function readStated(file: string): StatedScenario[] {
  if (!existsSync(file)) return [];
  const stated = new Map<string, StatedScenario>();
  // A merged stream of shards holds every pickle once per shard.
  for (const pickle of queryOf(file).findAllPickles()) {
    const line = pickle.location?.line ?? 0;
    const at = `${pickle.uri}:${line}`;
    if (!stated.has(at)) stated.set(at, { name: pickle.name, uri: pickle.uri, line, tags: pickle.tags.map((t) => t.name) });
  }
  return [...stated.values()];
}
