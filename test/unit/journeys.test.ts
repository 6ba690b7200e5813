import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverageOf, journeySummary } from '../../scripts/lib/journeys';
import type { ScenarioOutcome, StatedScenario } from '../../scripts/lib/messages';

const journey = (id: string) => ({ id, title: `${id} title`, area: 'area' });
const ran = (tag: string, status: string, attempts = 1, extra: Partial<ScenarioOutcome> = {}): ScenarioOutcome => ({
  name: `${tag} ${status} ${attempts}`,
  uri: 'features/x.feature',
  tags: [tag],
  status,
  attempts,
  errors: [],
  durationMs: 1,
  undefinedSteps: [],
  ambiguousSteps: [],
  notChecked: [],
  ...extra,
});
const stated = (tag: string, name: string, tags: string[] = []): StatedScenario => ({ name, uri: 'features/y.feature', line: 3, tags: [tag, ...tags] });

test('a journey with one failing scenario is failing, whatever else passed', () => {
  const [c] = coverageOf([journey('A-01')], [ran('@A-01', 'PASSED'), ran('@A-01', 'FAILED')], [], '');
  assert.equal(c.status, 'failing');
});

test('a journey that passed only on a retry is flaky, and one that passed first time is passing', () => {
  const [flaky, passing] = coverageOf([journey('A-01'), journey('A-02')], [ran('@A-01', 'PASSED', 2), ran('@A-02', 'PASSED')], [], '');
  assert.deepEqual([flaky.status, passing.status], ['flaky', 'passing']);
});

test('a journey whose scenarios the tag expression left out says so, naming the expression and their tags', () => {
  const [c] = coverageOf([journey('P-01')], [], [stated('@P-01', 'a crowd', ['@load'])], 'not @load');
  assert.equal(c.status, 'stated but not run');
  assert.match(c.reason!, /"not @load" left out its 1 scenario \(tagged @load\)/);
});

test('a journey whose every scenario was skipped gives the skip reason', () => {
  const [c] = coverageOf([journey('A-01')], [ran('@A-01', 'SKIPPED', 1, { skipReason: 'no real model' })], [], '');
  assert.deepEqual([c.status, c.reason], ['stated but not run', 'every scenario was skipped: no real model']);
});

test('a journey no scenario is tagged with is not stated, and the summary counts every status', () => {
  const coverage = coverageOf([journey('A-01'), journey('A-02')], [ran('@A-01', 'PASSED')], [], '');
  assert.equal(coverage[1].status, 'not stated');
  assert.equal(journeySummary(coverage), '2 journeys: 1 not stated, 1 passing');
});
