import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readableMessage } from '../../scripts/lib/report-pages';

test("a failure message keeps the project's frames, relative, and drops those of libraries and Node", () => {
  const message = [
    'Error: Expected agent_thinking after agent_started',
    '    at expectEventsInOrder (/work/app/support/expectations/runs.ts:18:13)',
    '    at World.<anonymous> (/work/app/node_modules/@cucumber/cucumber/lib/runtime.js:1:1)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ].join('\n');
  assert.equal(readableMessage(message, '/work/app'), 'Error: Expected agent_thinking after agent_started\n    at expectEventsInOrder (support/expectations/runs.ts:18:13)');
});
