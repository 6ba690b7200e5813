import { sendOn, startAgent } from '../support/tasks/chat';
import { ensureSignedIn } from '../support/tasks/sign-in';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { BAD_EXECUTIONS } from '../support/hostile-input';
import type { ApexWorld } from '../support/world';
import { LOG_VARIATIONS, Workload, money, describeWorkload, costQuestion, inOwnWords, pastedFromNotes, deepStagePace, removeLogColumn, dollars } from '../support/domain';
import { expectEventsInOrder, expectGivenUpAfterSilence, expectLongButNeverSilent, expectWellFormedRun } from '../support/expectations/runs';
import { runWithAgentPatience } from '../support/agent-patience';
import { hangNextCallFor } from '../support/scoped-faults';
import {
  FIVE_EVENTS,
  answeredRun, completedResult,
  expectFailedWithReason,
  expectImpossibleWorkload,
  expectStopRefusedAsEnded,
  expectReadBackFailure,
  expectToolsAskedAboutRequest,
  expectProgressStages,
  expectContributions,
  expectReportSections,
  expectReportFigures,
  expectTriage,
  expectNamedAfterQuestion,
  expectApiRefusedWorkload,
  expectApiRunFailed,
  expectHandoffChain,
  expectRecommendationsQuality,
  expectSpreadProgress,
  expectToolCallsPaired,
  expectToolFiguresInAnswer,
  expectDailyRequests,
  expectInsight,
  expectNoSuchAgent,
  expectRecommendation,
  expectSummaryStates,
  expectSavings,
  expectSpend,
  expectRecommendationSays,
  expectApiNoSuchAgent,
  expectCurrentSpend,
  expectSavingsOfAtLeast,
  expectNoMeaningfulSaving,
  expectSummarySaysNoMeaningfulSaving,
  expectTopRecommendation,
  expectConfidenceScore,
  expectCompleteAnswer,
  expectMayNotRunAgents,
  expectSameConnection,
  expectAtLeastUpdates,
  expectCancelledWithin,
  expectCancellationLast,
  expectStoredEndingInCancellation,
  expectStoredAsCancelled,
  expectFollowUpInConversation,
  expectSameFiguresAsStreamed,
  expectRowsProcessed,
  expectLogTotalCost,
  expectMostExpensiveModel,
  expectDailyCostTrend,
  expectTypicalLatency,
} from '../support/expectations/agents';

When('{user} asks the {agent} about {workload}', async function (this: ApexWorld, user: string, agent: string, workload: Workload) {
  await startAgent(this.session(user), agent, { user_request: costQuestion(workload), context: { workload } });
});

When('{user} asks an agent called {string} about {workload}', async function (this: ApexWorld, user: string, name: string, workload: Workload) {
  await startAgent(this.session(user), name, { user_request: costQuestion(workload), context: { workload } });
});

When('{user} asks about {workload} without naming an agent', async function (this: ApexWorld, user: string, workload: Workload) {
  await startAgent(this.session(user), undefined, { user_request: costQuestion(workload), context: { workload } });
});

Then('{user} is told there is no agent called {string}', async function (this: ApexWorld, user: string, name: string) {
  await expectNoSuchAgent(this.session(user).lastRun(), name);
});

Then('{user} is answered by the supervisor, who hands the work along', async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectHandoffChain(run, ['supervisor', 'triage', 'data_analysis', 'cost_optimizer', 'reporting']);
});

When('{user} asks the {agent} {phrasing} about {workload}', async function (this: ApexWorld, user: string, agent: string, phrasing: 'figures' | 'words' | 'shouted' | 'pasted', workload: Workload) {
  const text = { figures: costQuestion, words: inOwnWords, shouted: (w: Workload) => inOwnWords(w).toUpperCase(), pasted: pastedFromNotes }[phrasing](workload);
  await startAgent(this.session(user), agent, phrasing === 'figures' ? { user_request: text, context: { workload } } : { user_request: text });
});

When('{user} asks the {agent} about {workload}, with figures whose {workloadField} is {figure}', async function (this: ApexWorld, user: string, agent: string, workload: Workload, field: keyof Workload, value: number | string) {
  await startAgent(this.session(user), agent, { user_request: 'How much can I save?', context: { workload: { ...workload, [field]: value } } });
});

Then('{user} is told {pronoun} workload is impossible, because of its {workloadField}', async function (this: ApexWorld, user: string, _pronoun: string, field: string) {
  await expectImpossibleWorkload(this.session(user).lastRun(), this.target.runDeadlineMs, field);
});

When('{user} asks the {agent} about {workload}, with figures that leave out the {workloadField}', async function (this: ApexWorld, user: string, agent: string, workload: Workload, field: keyof Workload) {
  const { [field]: _left, ...rest } = workload;
  await startAgent(this.session(user), agent, { user_request: 'How much can I save?', context: { workload: rest } });
});

Then('{user} is offered {string} worth {money} a month, at {word} effort', async function (this: ApexWorld, user: string, title: string, amount: number, effort: string) {
  expectRecommendation(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), title, amount, effort);
});

When("{user} asks the {agent} about {workload} the way the platform's staging tests do", async function (this: ApexWorld, user: string, agent: string, workload: Workload) {
  await startAgent(this.session(user), agent, { user_request: costQuestion(workload), context: { workload } }, 'agent_request');
});

When("{user} asks the {agent} about {workload} the way the platform's staging tests do, with the fields beside the message type", async function (this: ApexWorld, user: string, agent: string, workload: Workload) {
  await startAgent(this.session(user), agent, { user_request: costQuestion(workload), context: { workload } }, 'agent_request at the top level');
});

When('{user} asks the {agent} about {workload} in the same conversation', async function (this: ApexWorld, user: string, agent: string, workload: Workload) {
  const session = this.session(user);
  await startAgent(session, agent, { user_request: costQuestion(workload), context: { workload }, thread_id: session.lastRun().threadId });
});

When('{user} asks the supervisor for a full review of {workload}', async function (this: ApexWorld, user: string, workload: Workload) {
  await startAgent(this.session(user), 'supervisor', { user_request: `Review my AI spend: ${describeWorkload(workload)}.`, context: { workload } });
});

When('{user} asks the supervisor for a full review of {pronoun} usage log', async function (this: ApexWorld, user: string, _pronoun: string) {
  await startAgent(this.session(user), 'supervisor', { user_request: 'Review my AI spend from the attached usage log.', context: {} });
});

When('{user} asks the {agent} to cut {pronoun} costs without giving any figures', async function (this: ApexWorld, user: string, agent: string, _pronoun: string) {
  await startAgent(this.session(user), agent, { user_request: 'Please cut my AI costs.', context: {} });
});

When('{user} asks the {agent} to cut what {pronoun} spend(s) on {word} {word}, without any figures', async function (this: ApexWorld, user: string, agent: string, _pronoun: string, provider: string, model: string) {
  await startAgent(this.session(user), agent, { user_request: `Can you cut what we spend on ${provider} ${model}?` });
});

When('{user} asks the {agent} about {int} {figureName} and nothing else', async function (this: ApexWorld, user: string, agent: string, count: number, what: string) {
  await startAgent(this.session(user), agent, { user_request: `We have ${count} ${what}. What can we save?` });
});

When('{user} asks the {agent} about {int} requests a month of {int} input and {int} output tokens, without naming the model', async function (this: ApexWorld, user: string, agent: string, requests: number, input: number, output: number) {
  await startAgent(this.session(user), agent, { user_request: `We make ${requests} requests a month with ${input} input and ${output} output tokens. What can we save?` });
});

Then('the recommendation {string} tells {user} {string}', async function (this: ApexWorld, title: string, user: string, words: string) {
  expectRecommendationSays(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), user, title, words);
});

When('{user} asks the data analyst to analyse {pronoun} usage log', async function (this: ApexWorld, user: string, _pronoun: string) {
  await startAgent(this.session(user), 'data_analysis', { user_request: 'What does my usage log say?', context: {} });
});

When('{user} asks the data analyst for a deep analysis of {pronoun} usage log', async function (this: ApexWorld, user: string, _pronoun: string) {
  await startAgent(this.session(user), 'data_analysis', { user_request: 'Analyse my usage log in depth.', context: { analysis_depth: 'deep' } });
});

Given('{user} has asked the data analyst for a deep analysis of {pronoun} usage log', async function (this: ApexWorld, user: string, _pronoun: string) {
  await startAgent(this.session(user), 'data_analysis', { user_request: 'Analyse my usage log in depth.', context: { analysis_depth: 'deep' } });
});

Given('{user} has asked the data analyst for a deep analysis of {pronoun} usage log, without marking the request with an id', async function (this: ApexWorld, user: string, _pronoun: string) {
  await startAgent(this.session(user), 'data_analysis', { user_request: 'Analyse my usage log in depth.', context: { analysis_depth: 'deep' } }, 'start_agent', null);
});

When('{user} asks the {agent} about {workload} through the API', async function (this: ApexWorld, user: string, agent: string, workload: Workload) {
  const session = this.session(user);
  await session.attempt('execute', session.api.execute(session.accessToken, { type: agent, message: costQuestion(workload), context: { workload } }));
});

When('{user} asks the {agent} through the API about {workload}, with figures whose {workloadField} is {figure}', async function (this: ApexWorld, user: string, agent: string, workload: Workload, field: keyof Workload, value: number | string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  await session.attempt('execute', session.api.execute(session.accessToken, { type: agent, message: 'How much can I save?', context: { workload: { ...workload, [field]: value } } }));
});

When('{user} asks the {agent} about {workload} through the API, with {badExecution}', async function (this: ApexWorld, user: string, agent: string, workload: Workload, bad: string) {
  const session = this.session(user);
  const request = { type: agent, ...BAD_EXECUTIONS[bad](costQuestion(workload), { ...workload }) } as Parameters<typeof session.api.execute>[1];
  await session.attempt('execute', session.api.execute(session.accessToken, request));
});

When('{user} asks an agent called {string} through the API', async function (this: ApexWorld, user: string, name: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  await session.attempt('execute', session.api.execute(session.accessToken, { type: name, message: 'How much can I save?' }));
});

Then('the API tells {user} there is no agent called {string}', function (this: ApexWorld, user: string, name: string) {
  expectApiNoSuchAgent(this.session(user).lastAnswer, name);
});

Then("the API refuses {user}'s workload as impossible, because of its {workloadField}", function (this: ApexWorld, user: string, field: string) {
  expectApiRefusedWorkload(this.session(user).lastAnswer, field);
});

Then("the API tells {user} {pronoun} request failed, with a reason that mentions {string}", function (this: ApexWorld, user: string, _pronoun: string, mentions: string) {
  expectApiRunFailed(this.session(user).lastAnswer, mentions);
});

Then('{user} watches the agent start, think, use a tool, finish the tool and complete, in that order', async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  await run.finished(this.target.runDeadlineMs);
  expectEventsInOrder(run, FIVE_EVENTS);
  expectWellFormedRun(run);
});

Then('{user} is told {pronoun} current spend is {money} a month', async function (this: ApexWorld, user: string, _pronoun: string, amount: number) {
  expectCurrentSpend(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), user, amount);
});

Then('{user} is offered savings of at least {money} a month', async function (this: ApexWorld, user: string, amount: number) {
  expectSavingsOfAtLeast(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), user, amount);
});

Then('{user} is told there is no meaningful saving to make', async function (this: ApexWorld, user: string) {
  expectNoMeaningfulSaving(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), user);
});

Then('the top recommendation for {user} is {string}', async function (this: ApexWorld, user: string, title: string) {
  expectTopRecommendation(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), user, title);
});

Then('{user} gets at least {int} recommendations, each with a monthly saving and steps to take', async function (this: ApexWorld, user: string, count: number) {
  expectRecommendationsQuality(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), count);
});

Then("the agent states its confidence in {user}'s answer as a score between 0 and 1", async function (this: ApexWorld, user: string) {
  expectConfidenceScore(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs));
});

Then('{user} is told {pronoun} may not run agents', async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectMayNotRunAgents(user, this.session(user).lastRun());
});

Then("{user}'s request ends with a reason that mentions {string}", async function (this: ApexWorld, user: string, mentions: string) {
  await expectFailedWithReason(this.session(user).lastRun(), this.target.runDeadlineMs, mentions);
});

Then("{user}'s answer says in words that {pronoun} spend(s) {money} a month and that no option is worth {money} a month", async function (this: ApexWorld, user: string, _pronoun: string, spend: number, threshold: number) {
  const result = await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs);
  expectSummaryStates(result, [spend, threshold]);
  expectSummarySaysNoMeaningfulSaving(result);
});

Then("{user}'s answer is complete: it states no limitations, and says whose words it is in", async function (this: ApexWorld, user: string) {
  expectCompleteAnswer(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs));
});

Then("{user}'s new conversation is named after the start of {pronoun} question", async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectNamedAfterQuestion(this.session(user), this.session(user).lastRun());
});

Then("{user}'s request, read back later, failed for the same reason", async function (this: ApexWorld, user: string) {
  await expectReadBackFailure(this.session(user), this.session(user).lastRun());
});

Then("{user}'s answer arrives on the same chat connection", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const [earlier, latest] = session.runs.slice(-2);
  await completedResult(latest, this.target.runDeadlineMs);
  expectSameConnection(user, earlier, latest);
});

Then("every tool {user}'s agent used reported back under the same call id", async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectToolCallsPaired(run);
});

Then("every tool {user}'s agent used was asked about {pronoun} own request", async function (this: ApexWorld, user: string, _pronoun: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectToolsAskedAboutRequest(run);
});

Then("the figures the tools found are the ones in {user}'s answer", async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectToolFiguresInAnswer(run);
});

Then("{user}'s request is handed along {agentChain}", async function (this: ApexWorld, user: string, chain: string[]) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectHandoffChain(run, chain);
});

Then("{user}'s combined answer carries what {agentChain} each found", async function (this: ApexWorld, user: string, agents: string[]) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectContributions(run, agents);
});

Then("{user}'s report has the sections {string}, in that order", async function (this: ApexWorld, user: string, headings: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectReportSections(run, headings.split(/,\s*/));
});

Then("{user}'s report says {pronoun} spend(s) {money} a month, can save {money} a month \\({float}%), and wait(s) about {int} ms a request, with these recommendations:", async function (this: ApexWorld, user: string, _pronoun: string, spend: number, saving: number, percent: number, waitMs: number, table: DataTable) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  const recommendations = table.hashes().map((row): [string, number] => [row.recommendation, money(row['worth a month'])]);
  expectReportFigures(run, { spend, saving, percent, recommendations, waitMs });
});

Then("{user} is told the request is about cost optimization, and the data is {word}", async function (this: ApexWorld, user: string, judgement: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectTriage(run, judgement);
});

Then('{user} receives at least {int} updates before the analysis completes', async function (this: ApexWorld, user: string, count: number) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectAtLeastUpdates(run, count);
});

Then("{user}'s updates arrive spread over at least half of the run, not bunched at its end", function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  expectSpreadProgress(run, 0.5);
});

When('{user} stops it once it is under way', async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  await run.underWay(this.target.runDeadlineMs);
  run.socket.send('agent_interrupt', { run_id: run.runId });
  run.interruptedAt = Date.now();
});

Given('each stage of a deep analysis takes {int} seconds', async function (this: ApexWorld, seconds: number) {
  const instance = await this.startInstance({ AGENT_TIME_SCALE: deepStagePace(seconds) });
  if (!instance) return this.skip('this starts a reference platform instance at a slower pace; a deployment runs at its own.');
  this.moveEveryoneTo(instance);
});

const OWN_PATIENCE = "this starts a reference platform instance that gives up on a silent agent sooner; a deployment's patience is its own (AGENT_TIMEOUT_SECONDS, 300 s by default).";

Given('the platform gives up on an agent that has been silent for {duration}', async function (this: ApexWorld, silenceMs: number) {
  if (!(await runWithAgentPatience(this, silenceMs))) return this.skip(OWN_PATIENCE);
  return undefined;
});

Given('the platform gives up on an agent that has been silent for {duration}, and each stage of a deep analysis takes {duration}', async function (this: ApexWorld, silenceMs: number, stageMs: number) {
  if (!(await runWithAgentPatience(this, silenceMs, stageMs))) return this.skip(OWN_PATIENCE);
  return undefined;
});

Given("the {word} {word} never answers {user}'s next call", async function (this: ApexWorld, first: string, second: string, user: string) {
  await hangNextCallFor(this, this.session(user), `${first}_${second}`);
});

Then("{user}'s request is ended as failed, because {failureReason}, once it has been silent for {duration} and not before", async function (this: ApexWorld, user: string, code: string, silenceMs: number) {
  await expectGivenUpAfterSilence(user, this.session(user).lastRun(), code, silenceMs);
});

Then("{user}'s analysis completes after running for at least {duration}, never silent for {duration}", async function (this: ApexWorld, user: string, atLeastMs: number, silenceMs: number) {
  await expectLongButNeverSilent(user, this.session(user).lastRun(), atLeastMs, silenceMs, this.target.runDeadlineMs);
});

When('{user} stops it after it has ended', async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  run.interruptedAt = Date.now();
  sendOn(run.socket, 'agent_interrupt', { run_id: run.runId });
});

Then('{user} is told it had already ended, and it stays completed', async function (this: ApexWorld, user: string) {
  await expectStopRefusedAsEnded(this.session(user), this.session(user).runs.find((r) => r.interruptedAt)!);
});

Then("{user}'s analysis is cancelled within {int} seconds", async function (this: ApexWorld, user: string, seconds: number) {
  await expectCancelledWithin(this.session(user).runs.find((r) => r.interruptedAt)!, seconds);
});

Then("nothing more of {user}'s analysis arrives or is recorded after the cancellation", async function (this: ApexWorld, user: string) {
  const run = this.session(user).runs.find((r) => r.interruptedAt)!;
  const received = expectCancellationLast(run);
  const probe = this.databaseProbe();
  if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
  await expectStoredEndingInCancellation(probe, run, received);
});

Then("{user}'s analysis is stored as cancelled", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await expectStoredAsCancelled(session, session.runs.find((r) => r.interruptedAt)!);
});

Then("the conversation still holds {user}'s earlier request", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const [earlier, latest] = session.runs.slice(-2);
  await completedResult(latest, this.target.runDeadlineMs);
  await expectFollowUpInConversation(session, earlier, latest);
});

Then("the API's answer has the same figures as the one {user} watched", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const streamed = await completedResult(session.runs.at(-1)!, this.target.runDeadlineMs);
  expectSameFiguresAsStreamed(session.lastAnswer, streamed);
});

Given("{user}'s usage log {string}:", function (this: ApexWorld, user: string, name: string, table: DataTable) {
  const [header, ...rows] = table.raw();
  this.session(user).remember('usageLog', { name, header: header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_')), rows });
});

Given("{user}'s usage log has no {word} column", function (this: ApexWorld, user: string, column: string) {
  removeLogColumn(this.session(user).recall('usageLog'), column, user);
});

Given("{user}'s usage log has {string} as the {word} on row {int}", function (this: ApexWorld, user: string, value: string, column: string, row: number) {
  const log = this.session(user).recall('usageLog');
  log.rows[row - 1][log.header.indexOf(column)] = value;
});

Given("{user}'s usage log {logVariation}", function (this: ApexWorld, user: string, variation: string) {
  LOG_VARIATIONS[variation](this.session(user).recall('usageLog'));
});

Given('{user} attaches a screenshot of {pronoun} dashboard before {pronoun} usage log', function (this: ApexWorld, user: string, _pronoun: string, _pronoun2: string) {
  this.session(user).remember('otherFiles', [...(this.session(user).noted('otherFiles') ?? []), { name: 'dashboard.png', media_type: 'image/png', content: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' }]);
});

Then("{user}'s analysis reports no progress stages, as it is not a deep one", async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectProgressStages(run, 0);
});

Then('{user} sees the analysis progress stage by stage, each named, up to 100%', async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectProgressStages(run, 100);
});

Given("{user}'s usage log is empty", function (this: ApexWorld, user: string) {
  this.session(user).recall('usageLog').raw = '';
});

Given("{user}'s usage log holds only blank lines", function (this: ApexWorld, user: string) {
  this.session(user).recall('usageLog').raw = '\n  \r\n\t\n';
});

Then('{user} is told {int} rows were processed', async function (this: ApexWorld, user: string, rows: number) {
  expectRowsProcessed(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), rows);
});

Then("{user}'s total cost in the log is {money}", async function (this: ApexWorld, user: string, amount: number) {
  expectLogTotalCost(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), amount);
});

Then("{user}'s most expensive model is {word} {word}", async function (this: ApexWorld, user: string, provider: string, model: string) {
  expectMostExpensiveModel(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), provider, model);
});

Then("{user}'s daily cost trend reads {string}", async function (this: ApexWorld, user: string, trend: string) {
  expectDailyCostTrend(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), trend);
});

Then("{user}'s daily requests read {string}", async function (this: ApexWorld, user: string, trend: string) {
  expectDailyRequests(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), trend);
});

Then('{user} is told {pronoun} current spend is {money} a month, {money} for input and {money} for output', async function (this: ApexWorld, user: string, _pronoun: string, total: number, input: number, output: number) {
  expectSpend(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), { total, input, output });
});

Then('{user} is offered savings of exactly {money} a month, {float}% of {pronoun} spend', async function (this: ApexWorld, user: string, amount: number, percent: number, _pronoun: string) {
  expectSavings(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), amount, percent);
});

Then('{user} is offered {string} worth {money} a month', async function (this: ApexWorld, user: string, title: string, amount: number) {
  expectRecommendation(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), title, amount);
});

Then('{user} is not offered {string}', async function (this: ApexWorld, user: string, title: string) {
  expectRecommendation(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), title, undefined);
});

Then("{user}'s answer says in words that {pronoun} spend(s) {money} a month", async function (this: ApexWorld, user: string, _pronoun: string, spend: number) {
  expectSummaryStates(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), [spend]);
});

Then("{user}'s answer says in words that {pronoun} spend(s) {money} and can save {money} a month", async function (this: ApexWorld, user: string, _pronoun: string, spend: number, saving: number) {
  expectSummaryStates(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), [spend, saving]);
});

Then('{user} is told a typical request of {int} tokens waits about {int} ms', async function (this: ApexWorld, user: string, tokens: number, ms: number) {
  expectTypicalLatency(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), user, tokens, ms);
});

Then('{user} is told {pronoun} busiest day was {word} at {money}', async function (this: ApexWorld, user: string, _pronoun: string, day: string, amount: number) {
  expectInsight(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), ['busiest', day, dollars(amount)]);
});

Then('{user} is told {pronoun} daily cost changed by {string} over the log, and the top model is {string} of the cost', async function (this: ApexWorld, user: string, _pronoun: string, change: string, share: string) {
  const result = await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs);
  expectInsight(result, [`(${change})`]);
  expectInsight(result, [`(${share} of the cost)`]);
});
