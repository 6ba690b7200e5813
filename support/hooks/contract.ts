import { After, Before, BeforeAll } from '@cucumber/cucumber';
import { prepareFrameChecks } from '../contract/frame-checks';
import { prepareHttpChecks } from '../contract/http-checks';
import { beginScenario, describeViolation, endScenario } from '../contract/violations';

/**
 * Every HTTP answer and socket frame a scenario receives is checked against contract/ as it
 * arrives (support/clients/http.ts, support/clients/agent-socket.ts); here the scenario fails
 * with whatever broke the contract, whether or not its steps looked at it.
 */
const SHOWN = 20;

// Compiling the schemas takes about a second here; done inside a scenario, it would stall the
// platform that shares this process, and the scenario's latency figures with it.
BeforeAll(function () {
  prepareHttpChecks();
  prepareFrameChecks();
});

Before(function () {
  beginScenario();
});

After(function () {
  const violations = endScenario();
  if (violations.length === 0) return;
  const lines = violations.slice(0, SHOWN).map((v, i) => `  ${i + 1}. ${describeViolation(v)}`);
  if (violations.length > SHOWN) lines.push(`  … and ${violations.length - SHOWN} more`);
  throw new Error(`${violations.length} contract violation${violations.length === 1 ? '' : 's'} in what this scenario received (contract/openapi.json, contract/asyncapi.json):\n${lines.join('\n')}`);
});
