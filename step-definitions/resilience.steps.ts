import { randomUUID } from 'node:crypto';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { DEPENDENCIES, costQuestion } from '../support/domain';
import { HttpResponse, http } from '../support/clients/http';
import { expectRefusal } from '../support/refusals';
import { describeFrames } from '../support/clients/agent-socket';
import { instanceWithBreakableLink, patienceWith } from '../support/breakable-links';
import { expectAnsweredAsUnavailable, expectRefusedAsUnavailableAndConversationKept } from '../support/expectations/resource-bounds';
import { archiveWhileConnectionEnded, archiveWhileHeld, holdRunOnceUnderWay } from '../support/resource-bounds';
import type { RowHold } from '../support/probes/database-admin';
import { eventually } from '../support/wait';
import { completedResult, expectFailedWithReason, expectOneTrialCall } from '../support/expectations/agents';
import { FaultClient } from '../support/clients/fault-client';
import { expectAuthFailsClosed, expectFaultRefused, expectNoTokenRefused } from '../support/expectations/sessions';
import { ApiClient } from '../support/clients/api-client';
import { expectHealth } from '../support/expectations/realtime';
import { redact } from '../support/redact';
import { failForThisScenario, repairForThisScenario } from '../support/scoped-faults';

Given('an instance of the platform whose link to its {dependency} can fail', async function (this: ApexWorld, dependency: string) {
  return instanceWithBreakableLink(this, dependency);
});

Given('an instance of the platform that gives up on a silent {dependency} after {int} second(s)', async function (this: ApexWorld, dependency: string, seconds: number) {
  return instanceWithBreakableLink(this, dependency, patienceWith(dependency, seconds));
});

Given('an instance of the platform that gives up on a database statement after {int} milliseconds', async function (this: ApexWorld, ms: number) {
  const instance = await this.startInstance({ DATABASE_STATEMENT_TIMEOUT_MS: String(ms) });
  if (!instance || !this.target.databaseUrl) return this.skip('this starts a reference platform instance with a setting of its own; a remote target has its own.');
  this.moveEveryoneTo(instance);
  return undefined;
});

When('{user} archives it while other work holds it in the database for longer than that', async function (this: ApexWorld, user: string) {
  await archiveWhileHeld(this.session(user), this.target.databaseUrl!);
});

When('{user} archives it while the database ends the connection the change is waiting on', async function (this: ApexWorld, user: string) {
  if (!this.target.databaseUrl) return this.skip('the suite has no database address for this target (set APEX_DATABASE_URL).');
  await archiveWhileConnectionEnded(this.session(user), this.target.databaseUrl);
  return undefined;
});

When("other work holds {user}'s analysis in the database once it is under way", async function (this: ApexWorld, user: string) {
  const hold = await holdRunOnceUnderWay(this.session(user), this.target.databaseUrl!, this.target.runDeadlineMs);
  this.keepStandIn({ stop: () => hold.release() });
  this.remember('held run', hold);
});

When("that work then needs {user}'s conversation, which her/his/their analysis holds while it waits", async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  await this.recall<RowHold>('held run').waitOnConversationOfWhoeverWaits(run.threadId!, this.target.runDeadlineMs);
});

When('the other work lets go of it', async function (this: ApexWorld) {
  await this.recall<RowHold>('held run').release();
});

Then('{user} is told it cannot be done right now, and the conversation is still listed', async function (this: ApexWorld, user: string) {
  await expectRefusedAsUnavailableAndConversationKept(this.session(user));
});

When('its {dependency} stops answering', function (this: ApexWorld, _dependency: string) {
  this.recall('breakable').proxy.stall();
});

Then('{user} is answered within {int} seconds, and told it cannot be done right now, for each of these:', async function (this: ApexWorld, user: string, seconds: number, requests: DataTable) {
  this.evidence(await expectAnsweredAsUnavailable(this.session(user), this.activeInstance!, this.recall('breakable').dependency, requests.hashes().map((row) => row.request), seconds * 1000));
});

When('its {dependency} becomes unreachable', function (this: ApexWorld, _dependency: string) {
  this.recall('breakable').proxy.cut();
});

When("its {dependency} becomes unreachable once {user}'s analysis is under way", async function (this: ApexWorld, _dependency: string, user: string) {
  await this.session(user).lastRun().underWay(this.target.runDeadlineMs);
  this.recall('breakable').proxy.cut();
});

When('its {dependency} is back', function (this: ApexWorld, _dependency: string) {
  this.recall('breakable').proxy.restore();
  this.recall('breakable').restoredAt = Date.now();
});

Then("the platform refuses {user}'s session rather than trust it unchecked", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const answer = await session.api.threads(session.accessToken);
  if (answer.status !== 503) throw new Error(`Expected the API to refuse ${user}'s token while it cannot be checked (503); it answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
  await expectAuthFailsClosed(session, this.target.secrets.service);
  const socket = await session.openSocket();
  const first = await socket.connectionAnswer();
  if (first.frame.type !== 'error_message' || first.frame.error_code !== 'AUTH_UNAVAILABLE') {
    throw new Error(`Expected the chat to refuse ${user} with AUTH_UNAVAILABLE; received ${describeFrames(socket.frames, socket.openedAt)}`);
  }
  await socket.waitForClose(5000);
});

Then('a request that brings no token is still refused as not signed in', async function (this: ApexWorld) {
  await expectNoTokenRefused(new ApiClient(this.activeInstance!.apiUrl));
});

Then('the platform reports itself {word}, with its {dependency} down', async function (this: ApexWorld, status: string, dependency: string) {
  await expectHealth(this.activeInstance!, { status, down: DEPENDENCIES[dependency] });
});

Then('the platform reports itself healthy again within {int} seconds', async function (this: ApexWorld, seconds: number) {
  let last: Error | undefined;
  await eventually('the platform to report itself healthy', () => expectHealth(this.activeInstance!, { status: 'healthy' }).then(() => true, (error: Error) => ((last = error), undefined)), seconds * 1000, () => last?.message ?? '');
});

Then("{user}'s next question is answered within {int} seconds of it coming back", async function (this: ApexWorld, user: string, seconds: number) {
  const session = this.session(user);
  const workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 2_000_000, avg_input_tokens: 1000, avg_output_tokens: 500 };
  let tries = 0;
  await eventually(`${user}'s question to be answered`, async () => {
    tries += 1;
    try {
      await session.closeSockets();
      const run = await session.startAgent('cost_optimizer', { user_request: costQuestion(workload), context: { workload } });
      await completedResult(run, 5000);
      return true;
    } catch {
      return undefined;
    }
  }, seconds * 1000);
  const took = Date.now() - this.recall('breakable').restoredAt!;
  this.evidence(`The ${this.recall('breakable').dependency} came back; the first question was answered ${took} ms later, after ${tries} tries.`);
});

Then("the platform refuses {user}'s new chat connection, saying it cannot check her/his/their session", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const socket = await session.openSocket();
  const first = await socket.connectionAnswer();
  if (first.frame.type !== 'error_message' || first.frame.error_code !== 'AUTH_UNAVAILABLE') {
    throw new Error(`Expected the new connection to be refused with AUTH_UNAVAILABLE, not let in unchecked; received ${describeFrames(socket.frames, socket.openedAt)}`);
  }
  const closed = await socket.waitForClose(5000);
  if (closed.code === 1000) throw new Error('Expected the refused connection to close with an error code, not a normal close.');
});

Then('{user} can open a chat connection again within {int} seconds of it coming back', async function (this: ApexWorld, user: string, seconds: number) {
  const session = this.session(user);
  await eventually(`${user} to be welcomed again`, async () => {
    const socket = await session.openSocket();
    const first = await socket.connectionAnswer();
    return first.frame.type === 'system_message' ? true : undefined;
  }, seconds * 1000);
  this.evidence(`Welcomed again ${Date.now() - this.recall('breakable').restoredAt!} ms after the auth service came back.`);
});

Then("{user}'s analysis ends with a reason that mentions {string}", async function (this: ApexWorld, user: string, mentions: string) {
  await expectFailedWithReason(this.session(user).lastRun(), this.target.runDeadlineMs, mentions);
});

Then("nothing half-written of {user}'s analysis is left: it is recorded as failed, with exactly the events she/he/they saw", async function (this: ApexWorld, user: string) {
  const probe = this.databaseProbe();
  if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
  const run = this.session(user).lastRun();
  const seen = run.events.map((f) => `${f.frame.data.seq}:${f.frame.type}`).join(', ');
  await eventually(`run ${run.runId} recorded as failed with the events ${user} saw`, async () => {
    const row = await probe.run(run.runId!);
    const stored = (await probe.runEvents(run.runId!)).map((e) => `${e.seq}:${e.type}`).join(', ');
    const roles = (await probe.messages(run.threadId!)).filter((m) => m.run_id === run.runId).map((m) => m.role).join(',');
    return row?.status === 'failed' && stored === seen && roles === 'user,assistant' ? true : undefined;
  }, 10_000, () => `${user} saw ${seen}`);
});

Given('the {word} {word} is failing', async function (this: ApexWorld, first: string, second: string) {
  const faults = this.faults();
  if (!faults) return this.skip('injecting a failing tool needs the service secret (APEX_SERVICE_SECRET).');
  await failForThisScenario(this, `${first}_${second}`);
});

When('the {word} {word} is repaired', async function (this: ApexWorld, first: string, second: string) {
  await repairForThisScenario(this, `${first}_${second}`);
});

Then("{user}'s last {int} answers each say the cost analysis is unavailable", async function (this: ApexWorld, user: string, count: number) {
  for (const run of this.session(user).runs.slice(-count)) {
    const result = await completedResult(run, this.target.runDeadlineMs);
    if (!result?.unavailable_tools?.includes('cost_analyzer') || !(result.limitations ?? []).some((l: string) => l.includes('unavailable')) || !String(result.summary).includes('cost analyzer is unavailable')) {
      throw new Error(`Expected the answer to say the cost analyzer is unavailable; it says ${JSON.stringify(result).slice(0, 300)}`);
    }
  }
});

Then("{user}'s answer says the cost analysis is unavailable, without waiting on the broken tool", async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  const result = await completedResult(run, this.target.runDeadlineMs);
  const tool = run.events.map((f) => f.frame).find((e) => e.type === 'tool_completed' && e.data.tool_name === 'cost_analyzer');
  if (!result?.unavailable_tools?.includes('cost_analyzer')) throw new Error(`Expected the answer to say the cost analyzer is unavailable; it says ${JSON.stringify(result).slice(0, 300)}`);
  // Faster than any call that waited on the broken tool, measured on the same machine at the same time.
  const waited = this.session(user).runs.flatMap((r) => r.events.map((f) => f.frame)).filter((e) => e.type === 'tool_completed' && e.data.tool_name === 'cost_analyzer' && !String(e.data.error ?? '').includes('circuit breaker'));
  const quickest = Math.min(...waited.map((e) => e.data.execution_time_ms));
  if (!tool || !String(tool.data.error).includes('circuit breaker') || !(tool.data.execution_time_ms < quickest)) {
    throw new Error(`Expected the call to fail at once because the breaker is open, faster than the ${quickest} ms a call to the broken tool took; it took ${tool?.data.execution_time_ms} ms: ${tool?.data.error}`);
  }
});

Then("{user}'s answer says the cost analysis is unavailable, after trying the broken tool once more", async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  const result = await completedResult(run, this.target.runDeadlineMs);
  const tool = run.events.map((f) => f.frame).find((e) => e.type === 'tool_completed' && e.data.tool_name === 'cost_analyzer');
  if (!result?.unavailable_tools?.includes('cost_analyzer')) throw new Error(`Expected the answer to say the cost analyzer is unavailable; it says ${JSON.stringify(result).slice(0, 300)}`);
  if (!tool || String(tool.data.error).includes('circuit breaker')) {
    throw new Error(`Expected the trial call to reach the tool and fail there; the tool call says: ${tool ? tool.data.error : 'no cost_analyzer call at all'}`);
  }
});

Then("only one of {user}'s last {int} answers tried the broken tool again, and the others were refused by its breaker at once", async function (this: ApexWorld, user: string, count: number) {
  await expectOneTrialCall(this.session(user).runs.slice(-count), this.target.runDeadlineMs);
});

Then("the platform reports the {word} {word}'s breaker as {word}", async function (this: ApexWorld, first: string, second: string, state: string) {
  const health = await http('GET', `${this.target.apiUrl}/health`);
  const tool = `${first}_${second}`;
  if (health.body?.breakers?.[tool] !== state) throw new Error(`Expected /health to show the ${tool} breaker ${state}; it shows ${JSON.stringify(health.body?.breakers)}`);
  // A tool cut off by its breaker leaves the platform working, but not fully: degraded.
  const overall = state === 'closed' ? 'healthy' : 'degraded';
  if (health.body?.status !== overall) throw new Error(`Expected /health to say ${overall} while the ${tool} breaker is ${state}; it says ${health.body?.status}`);
});

When("the {word} {word}'s breaker has cooled down", async function (this: ApexWorld, first: string, second: string) {
  const tool = `${first}_${second}`;
  await eventually(`the ${tool} breaker to be ready for a trial call`, async () => {
    const health = await http('GET', `${this.target.apiUrl}/health`);
    return health.body?.breakers?.[tool] === 'half_open' ? true : undefined;
  }, this.target.timing.breakerCooldownMs + 10_000);
});

Given("{user}'s runs will crash", async function (this: ApexWorld, user: string) {
  const faults = this.faults();
  if (!faults) return this.skip('crashing runs needs the service secret (APEX_SERVICE_SECRET).');
  const session = this.session(user);
  await session.ensureSignedIn();
  await faults.inject({ fault: 'crash_run', target: session.userId, count: 1, scope: session.userId });
});

Then('each of {users} had an answer within {int} seconds of asking', function (this: ApexWorld, names: string[], seconds: number) {
  for (const name of names) {
    const run = this.session(name).lastRun();
    const took = (run.terminal?.at ?? Infinity) - run.sentAt;
    if (took > seconds * 1000) throw new Error(`Expected ${name}'s answer within ${seconds} s; it took ${took} ms`);
  }
});

When('{user} tries to break the platform on purpose {faultCredentials}', async function (this: ApexWorld, user: string, credentials: string) {
  const target = `tool_${randomUUID().slice(0, 8)}`;
  this.remember('attempted fault', target);
  await this.session(user).attempt('fault', FaultClient.attempt(this.target.apiUrl, { fault: 'tool_failure', target }, credentials === 'without the service secret' ? undefined : 'not-the-service-secret'));
});

When('{user}, holding the service secret, tries every test-only page of that instance', async function (this: ApexWorld, user: string) {
  this.session(user);
  this.remember('test-only pages', await FaultClient.tryTestOnlyPages(this.latestInstance.apiUrl, this.target.secrets.service ?? ''));
});

Then('{user} finds none of them there', function (this: ApexWorld, _user: string) {
  this.recall<HttpResponse[]>('test-only pages').forEach((answer) => expectRefusal(answer, 'there is no such page'));
});

Then('{user} is refused, and nothing was broken', async function (this: ApexWorld, user: string) {
  await expectFaultRefused(this.session(user).lastAnswer, this.faults(), this.recall<string>('attempted fault'));
});
