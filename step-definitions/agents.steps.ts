import { Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { Workload, describeWorkload, dollars } from '../support/domain';
import { expectEventsInOrder, expectWellFormedRun, sameAmount } from '../support/expectations/runs';

const FIVE_EVENTS = ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'];

When('{user} asks the {agent} about {workload}', async function (this: ApexWorld, user: string, agent: string, workload: Workload) {
  await this.session(user).startAgent(agent, { user_request: `How much can I save on ${describeWorkload(workload)}?`, context: { workload } });
});

Then('{user} watches the agent start, think, use a tool, finish the tool and complete, in that order', async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  await run.finished(this.target.runDeadlineMs);
  expectEventsInOrder(run, FIVE_EVENTS);
  expectWellFormedRun(run);
});

Then('{user} is told her/his/their current spend is {money} a month', async function (this: ApexWorld, user: string, amount: number) {
  const result = await this.session(user).lastRun().completed(this.target.runDeadlineMs);
  const told = result?.cost_analysis?.current_monthly_cost;
  if (!sameAmount(told, amount)) throw new Error(`Expected ${user} to be told a current spend of ${dollars(amount)} a month; the agent said ${typeof told === 'number' ? dollars(told) : JSON.stringify(told)}`);
});

Then('{user} is offered savings of at least {money} a month', async function (this: ApexWorld, user: string, amount: number) {
  const result = await this.session(user).lastRun().completed(this.target.runDeadlineMs);
  const offered = result?.potential_savings?.monthly_amount;
  if (typeof offered !== 'number' || offered <= 0 || offered < amount) {
    throw new Error(`Expected ${user} to be offered at least ${dollars(amount)} a month (and more than nothing); the agent offered ${typeof offered === 'number' ? dollars(offered) : JSON.stringify(offered)}`);
  }
});

Then('{user} gets at least {int} recommendation(s)', async function (this: ApexWorld, user: string, count: number) {
  const result = await this.session(user).lastRun().completed(this.target.runDeadlineMs);
  const recommendations = Array.isArray(result?.recommendations) ? result.recommendations : [];
  if (recommendations.length < count) {
    throw new Error(`Expected at least ${count} recommendation(s) for ${user}; got ${recommendations.length}: ${recommendations.map((r: { title?: string }) => r.title).join('; ') || 'none'}`);
  }
});

When('{user} asks the {agent} about {workload} through the API', async function (this: ApexWorld, user: string, agent: string, workload: Workload) {
  const session = this.session(user);
  await session.attempt('execute', session.api.execute(session.accessToken, { type: agent, message: `How much can I save on ${describeWorkload(workload)}?`, context: { workload } }));
});

Then('{user} is told she/he/they may not run agents', async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  const answer = await run.socket.waitFor('a refusal of the run', (f) => f.type === 'error_message' || (f.type === 'agent_started' && f.data?.request_id === run.requestId), 5000, run.firstFrame);
  if (answer.frame.type !== 'error_message' || answer.frame.error_code !== 'PERMISSION_DENIED') {
    throw new Error(`Expected ${user}'s request to be refused with PERMISSION_DENIED; received: ${run.describe() || answer.frame.type}`);
  }
});
