import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMessages } from '@cucumber/gherkin';
import { AttachmentContentEncoding, Envelope, IdGenerator, Pickle, SourceMediaType, TestStep, TestStepResultStatus } from '@cucumber/messages';
import { countByStatus, ms, queryOf, readEnvelopes, readOutcomes, readStated } from '../../scripts/lib/messages';

const FEATURE = `Feature: Chat

  @A-01
  Scenario: asking
    Given Alice is signed in
    When she asks
    Then she is answered

  @A-02 @flaky
  Scenario: asking twice
    Given Alice is signed in

  @A-03
  Scenario: not yet written
    Given Alice is signed in
    When she does something new

  @A-04
  Scenario: with a real model
    Given a real model

  Scenario: broken
    Given Alice is signed in

  Scenario: in no run
    Given Alice is signed in
`;

const folder = mkdtempSync(join(tmpdir(), 'apex-messages-test-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Milliseconds since the run began, as a message timestamp. */
const at = (millis: number) => ({ seconds: Math.floor(millis / 1000), nanos: (millis % 1000) * 1e6 });

/** What one attempt of a scenario did: a result for its Before hook, then one per step. */
interface Attempt {
  startMs: number;
  endMs: number;
  hook?: TestStepResultStatus;
  steps: { status: TestStepResultStatus; message?: string; attached?: string }[];
  willBeRetried?: boolean;
  /** The worker stopped before the scenario ended: no testCaseFinished. */
  unfinished?: boolean;
}

/**
 * The stream cucumber-js writes: the feature's source, document and pickles from Gherkin itself,
 * then for each scenario its test case and attempts, written here as Cucumber's messages define them.
 */
function stream(runs: Record<string, Attempt[]>, options: { pickleCopies?: number; finished?: boolean } = {}): Envelope[] {
  const gherkin = [...Array(options.pickleCopies ?? 1)].flatMap(() => generateMessages(FEATURE, 'features/chat.feature', SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, { includeSource: true, includeGherkinDocument: true, includePickles: true, newId: IdGenerator.uuid() }));
  const pickles = gherkin.flatMap((e) => (e.pickle ? [e.pickle] : []));
  const envelopes: Envelope[] = [
    { meta: { protocolVersion: '32.3.1', implementation: { name: 'cucumber-js', version: '12.9.0' }, runtime: { name: 'node', version: '20.20.2' }, os: { name: 'linux' }, cpu: { name: 'x64' } } },
    ...gherkin,
    { hook: { id: 'before', sourceReference: { uri: 'support/hooks.ts' } } },
    { testRunStarted: { timestamp: at(0), id: 'run' } },
  ];
  for (const [name, attempts] of Object.entries(runs)) {
    const pickle = pickles.find((p) => p.name === name) as Pickle;
    const testCaseId = `case ${name}`;
    const testSteps: TestStep[] = [{ id: `${testCaseId}/hook`, hookId: 'before' }, ...pickle.steps.map((step, i) => ({ id: `${testCaseId}/${i}`, pickleStepId: step.id, stepDefinitionIds: [], stepMatchArgumentsLists: [] }))];
    envelopes.push({ testCase: { id: testCaseId, pickleId: pickle.id, testSteps, testRunStartedId: 'run' } });
    attempts.forEach((attempt, n) => {
      const testCaseStartedId = `${testCaseId} attempt ${n}`;
      envelopes.push({ testCaseStarted: { id: testCaseStartedId, testCaseId, attempt: n, timestamp: at(attempt.startMs) } });
      const results = [{ status: attempt.hook ?? TestStepResultStatus.PASSED, message: attempt.hook === TestStepResultStatus.FAILED ? 'The database is down.' : undefined, attached: undefined }, ...attempt.steps];
      results.forEach((result, i) => {
        const testStepId = testSteps[i].id;
        if (result.attached) envelopes.push({ attachment: { testCaseStartedId, testStepId, body: result.attached, mediaType: 'text/plain', contentEncoding: AttachmentContentEncoding.IDENTITY } });
        if (result.status === TestStepResultStatus.UNDEFINED) {
          envelopes.push({ suggestion: { id: `suggestion ${testStepId}`, pickleStepId: testSteps[i].pickleStepId!, snippets: [{ language: 'typescript', code: "When('she does something new', async function () {});" }] } });
        }
        envelopes.push({ testStepFinished: { testCaseStartedId, testStepId, testStepResult: { status: result.status, message: result.message, duration: { seconds: 0, nanos: 1e6 } }, timestamp: at(attempt.startMs + i + 1) } });
      });
      if (!attempt.unfinished) envelopes.push({ testCaseFinished: { testCaseStartedId, timestamp: at(attempt.endMs), willBeRetried: attempt.willBeRetried ?? false } });
    });
  }
  if (options.finished ?? true) envelopes.push({ testRunFinished: { success: false, timestamp: at(12_500), testRunStartedId: 'run' } });
  return envelopes;
}

const { PASSED, FAILED, SKIPPED, UNDEFINED } = TestStepResultStatus;

const RUN: Record<string, Attempt[]> = {
  asking: [{ startMs: 100, endMs: 1_600, steps: [{ status: PASSED }, { status: PASSED }, { status: PASSED, attached: 'Not checked: the heartbeat interval, which this target does not state' }] }],
  'asking twice': [
    { startMs: 200, endMs: 300, steps: [{ status: FAILED, message: 'Expected a welcome' }], willBeRetried: true },
    { startMs: 400, endMs: 650, steps: [{ status: PASSED }] },
  ],
  'not yet written': [{ startMs: 700, endMs: 800, steps: [{ status: PASSED }, { status: UNDEFINED }] }],
  'with a real model': [{ startMs: 900, endMs: 950, steps: [{ status: SKIPPED, attached: 'Skipped: no real model is configured (APEX_LLM)' }] }],
  broken: [{ startMs: 1_000, endMs: 1_100, hook: FAILED, steps: [{ status: SKIPPED }] }],
};

function written(name: string, envelopes: Envelope[]): string {
  const file = join(folder, name);
  writeFileSync(file, envelopes.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return file;
}

const file = written('messages.ndjson', stream(RUN));
const outcomeOf = (scenario: string) => readOutcomes(file)!.scenarios.find((s) => s.name === scenario)!;

test('the stream reads back as one envelope a line, the blank last line left out', () => {
  const envelopes = readEnvelopes(file);
  assert.equal(envelopes.length, stream(RUN).length);
  assert.deepEqual(Object.keys(envelopes[0]), ['meta']);
});

test('every scenario that ran is one outcome, in the order they started, with the worst status of its steps', () => {
  assert.deepEqual(
    readOutcomes(file)!.scenarios.map((s) => [s.name, s.status, s.attempts]),
    [
      ['asking', 'PASSED', 1],
      ['asking twice', 'PASSED', 2],
      ['not yet written', 'UNDEFINED', 1],
      ['with a real model', 'SKIPPED', 1],
      ['broken', 'FAILED', 1],
    ],
  );
});

test('a passing scenario has its feature, tags and duration, and the checks it could not make', () => {
  const { uri, tags, durationMs, errors, notChecked, failedStep } = outcomeOf('asking');
  assert.deepEqual({ uri, tags, durationMs, errors, notChecked, failedStep }, { uri: 'features/chat.feature', tags: ['@A-01'], durationMs: 1_500, errors: [], notChecked: ['the heartbeat interval, which this target does not state'], failedStep: undefined });
});

test('a retried scenario is its last attempt: the failure of the first is not its outcome', () => {
  const { status, attempts, errors, durationMs } = outcomeOf('asking twice');
  assert.deepEqual({ status, attempts, errors, durationMs }, { status: 'PASSED', attempts: 2, errors: [], durationMs: 250 });
});

test('an undefined step is listed with the snippet Cucumber suggested for it', () => {
  assert.deepEqual(outcomeOf('not yet written').undefinedSteps, [{ text: 'she does something new', snippet: "When('she does something new', async function () {});" }]);
});

test('a skipped scenario gives the reason its step logged', () => {
  assert.equal(outcomeOf('with a real model').skipReason, 'no real model is configured (APEX_LLM)');
});

test('a scenario that failed in a hook names the hook as the failed step, with its message', () => {
  const { failedStep, errors } = outcomeOf('broken');
  assert.deepEqual({ failedStep, errors }, { failedStep: 'a hook', errors: ['The database is down.'] });
});

test('a failing step is named by its text, and only the first failure is the failed step', () => {
  const failing = written('failing.ndjson', stream({ asking: [{ startMs: 0, endMs: 10, steps: [{ status: PASSED }, { status: FAILED, message: 'No answer came.' }, { status: FAILED, message: 'Still none.' }] }] }));
  const [outcome] = readOutcomes(failing)!.scenarios;
  assert.deepEqual([outcome.status, outcome.failedStep, outcome.errors], ['FAILED', 'she asks', ['No answer came.', 'Still none.']]);
});

test("the run's wall time is from its start to its end, and its success is Cucumber's", () => {
  const { wallMs, success } = readOutcomes(file)!;
  assert.deepEqual({ wallMs, success }, { wallMs: 12_500, success: false });
});

test('a run that never finished has no wall time and did not succeed', () => {
  const cut = written('cut.ndjson', stream({ asking: RUN.asking }, { finished: false }));
  const { wallMs, success } = readOutcomes(cut)!;
  assert.deepEqual({ wallMs, success }, { wallMs: 0, success: false });
});

test('a scenario whose worker stopped before it ended is not counted as passed', () => {
  const cut = written('unfinished.ndjson', stream({ asking: [{ startMs: 0, endMs: 0, steps: [{ status: PASSED }], unfinished: true }] }, { finished: false }));
  const [outcome] = readOutcomes(cut)!.scenarios;
  assert.deepEqual({ status: outcome.status, errors: outcome.errors }, { status: 'UNKNOWN', errors: ['It never finished: the run stopped before the scenario ended.'] });
});

test('no stream is no outcomes, and no stated scenarios', () => {
  assert.equal(readOutcomes(join(folder, 'absent.ndjson')), undefined);
  assert.deepEqual(readStated(join(folder, 'absent.ndjson')), []);
});

test('outcomes are counted by status', () => {
  assert.deepEqual(countByStatus(readOutcomes(file)!.scenarios), { PASSED: 2, UNDEFINED: 1, SKIPPED: 1, FAILED: 1 });
});

test('the stated scenarios are every pickle, run or not, once each even when merged shards repeat them', () => {
  const merged = written('merged.ndjson', stream(RUN, { pickleCopies: 3 }));
  assert.deepEqual(
    readStated(merged).map((s) => `${s.uri}:${s.line} ${s.name} ${s.tags.join(' ')}`.trim()),
    ['features/chat.feature:4 asking @A-01', 'features/chat.feature:10 asking twice @A-02 @flaky', 'features/chat.feature:14 not yet written @A-03', 'features/chat.feature:19 with a real model @A-04', 'features/chat.feature:22 broken', 'features/chat.feature:25 in no run'],
  );
});

test('a stream is indexed once while it stays the same, and again once it changes', () => {
  const changing = written('changing.ndjson', stream({ asking: RUN.asking }));
  const first = queryOf(changing);
  assert.equal(queryOf(changing), first);
  written('changing.ndjson', stream(RUN));
  const second = queryOf(changing);
  assert.notEqual(second, first);
  assert.equal(second.findAllTestCaseStarted().length, 5);
});

test('a message duration is read in milliseconds, nanoseconds included', () => {
  assert.equal(ms({ seconds: 2, nanos: 500_000_000 }), 2_500);
  assert.equal(ms({ seconds: 0, nanos: 1_500 }), 0.0015);
});
