import { existsSync, readFileSync } from 'node:fs';

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

export function readOutcomes(file: string): { scenarios: ScenarioOutcome[]; wallMs: number; success: boolean } | undefined {
  if (!existsSync(file)) return undefined;
  const envelopes = readEnvelopes(file);
  const pickles = new Map<string, any>();
  const pickleSteps = new Map<string, string>();
  const testCases = new Map<string, any>();
  const testSteps = new Map<string, string>();
  const suggestions = new Map<string, string>();
  const started = new Map<string, { testCaseId: string; attempt: number; at: number }>();
  const byPickle = new Map<string, ScenarioOutcome>();
  let runStart = 0;
  let runEnd = 0;
  let success = true;

  for (const e of envelopes) {
    if (e.pickle) {
      pickles.set(e.pickle.id, e.pickle);
      for (const step of e.pickle.steps) pickleSteps.set(step.id, step.text);
    } else if (e.testCase) {
      testCases.set(e.testCase.id, e.testCase);
      for (const step of e.testCase.testSteps) if (step.pickleStepId) testSteps.set(step.id, step.pickleStepId);
    } else if (e.suggestion) {
      suggestions.set(e.suggestion.pickleStepId, e.suggestion.snippets?.[0]?.code);
    } else if (e.testRunStarted) {
      runStart = ms(e.testRunStarted.timestamp);
    } else if (e.testRunFinished) {
      runEnd = ms(e.testRunFinished.timestamp);
      success = e.testRunFinished.success;
    } else if (e.testCaseStarted) {
      started.set(e.testCaseStarted.id, { testCaseId: e.testCaseStarted.testCaseId, attempt: e.testCaseStarted.attempt, at: ms(e.testCaseStarted.timestamp) });
      const pickle = pickles.get(testCases.get(e.testCaseStarted.testCaseId).pickleId);
      // A retried scenario starts afresh: its last attempt is the outcome.
      byPickle.set(pickle.id, {
        name: pickle.name,
        uri: pickle.uri,
        tags: pickle.tags.map((t: { name: string }) => t.name),
        status: 'PASSED',
        attempts: e.testCaseStarted.attempt + 1,
        errors: [],
        durationMs: 0,
        undefinedSteps: [],
        ambiguousSteps: [],
        notChecked: [],
      });
    } else if (e.testStepFinished) {
      const attempt = started.get(e.testStepFinished.testCaseStartedId)!;
      const outcome = byPickle.get(testCases.get(attempt.testCaseId).pickleId)!;
      const result = e.testStepFinished.testStepResult;
      outcome.status = worse(outcome.status, result.status);
      if (result.message) outcome.errors.push(result.message);
      const pickleStepId = testSteps.get(e.testStepFinished.testStepId);
      if (result.status === 'FAILED' && !outcome.failedStep) outcome.failedStep = pickleStepId ? pickleSteps.get(pickleStepId) : 'a hook';
      if (result.status === 'UNDEFINED' && pickleStepId) outcome.undefinedSteps.push({ text: pickleSteps.get(pickleStepId)!, snippet: suggestions.get(pickleStepId) });
      if (result.status === 'AMBIGUOUS' && pickleStepId) outcome.ambiguousSteps.push(`${pickleSteps.get(pickleStepId)}: ${result.message ?? ''}`);
    } else if (e.attachment?.testCaseStartedId && typeof e.attachment.body === 'string' && /^(Skipped|Not checked): /.test(e.attachment.body)) {
      const attempt = started.get(e.attachment.testCaseStartedId);
      const outcome = attempt && byPickle.get(testCases.get(attempt.testCaseId).pickleId);
      const body: string = e.attachment.body;
      if (outcome && body.startsWith('Not checked: ')) outcome.notChecked.push(body.slice('Not checked: '.length));
      else if (outcome && !outcome.skipReason) outcome.skipReason = body.slice('Skipped: '.length);
    } else if (e.testCaseFinished) {
      const attempt = started.get(e.testCaseFinished.testCaseStartedId)!;
      const outcome = byPickle.get(testCases.get(attempt.testCaseId).pickleId)!;
      outcome.durationMs = ms(e.testCaseFinished.timestamp) - attempt.at;
    }
  }
  return { scenarios: [...byPickle.values()], wallMs: runEnd - runStart, success };
}

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
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{"pickle"')) continue;
    const { pickle } = JSON.parse(line);
    const at = `${pickle.uri}:${pickle.location?.line}`;
    if (!stated.has(at)) stated.set(at, { name: pickle.name, uri: pickle.uri, line: pickle.location?.line, tags: pickle.tags.map((t: { name: string }) => t.name) });
  }
  return [...stated.values()];
}
