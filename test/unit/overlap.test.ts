import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectOverlap } from '../../support/expectations/realtime';
import type { AgentRun } from '../../support/agent-run';

/** A run whose events were stamped at these milliseconds; agent_started first. */
const run = (id: string, ...at: number[]) =>
  ({ runId: id, events: at.map((ms, i) => ({ frame: { type: i === 0 ? 'agent_started' : 'agent_thinking', data: { timestamp: new Date(ms).toISOString() } } })) }) as unknown as AgentRun;

test('runs that each overlap another ran side by side, even if not all at once', () => {
  assert.doesNotThrow(() => expectOverlap([run('a', 0, 10, 100), run('b', 0, 50, 150), run('c', 0, 140, 200)]));
});

test('runs done one after another fail, judged by their work and not their acceptance', () => {
  // All three were accepted at 0, but each worked only once the one before had finished.
  assert.throws(() => expectOverlap([run('a', 0, 10, 100), run('b', 0, 110, 200), run('c', 0, 210, 300)]), /3 ran while no other did/);
});
