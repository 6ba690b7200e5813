import type { Phrase, PhraseStep } from '../support/phrasebook';
import type { Request } from '../support/tasks/asking';
import type { Finding } from '../support/expectations/told';
import { sendOn } from '../support/tasks/chat';

import { DataTable, Given, Then, When } from '@cucumber/cucumber';

import type { ApexWorld } from '../support/world';
import { money, deepStagePace } from '../support/domain';
import { expectEventsInOrder, expectWellFormedRun } from '../support/expectations/runs';
import { runWithAgentPatience } from '../support/agent-patience';
import { hangNextCallFor } from '../support/scoped-faults';
import { FIVE_EVENTS, answeredRun, completedResult, expectReadBackFailure, expectToolsAskedAboutRequest, expectProgressStages, expectContributions, expectReportSections, expectReportFigures, expectNamedAfterQuestion, expectRecommendationsQuality, expectSpreadProgress, expectToolCallsPaired, expectToolFiguresInAnswer, expectRecommendationSays, expectTopRecommendation, expectConfidenceScore, expectAtLeastUpdates, expectCancellationLast, expectStoredEndingInCancellation, expectFollowUpInConversation, expectSameFiguresAsStreamed } from '../support/expectations/agents';

When('{user} {asks} {request}', async function (this: ApexWorld, user: string, _asks: string, request: Phrase<Request>) {
  await request.meaning(this, this.session(user), ...request.values);
});

Then('{user} is told {toldThat}', async function (this: ApexWorld, user: string, told: Phrase<Finding>) {
  await told.meaning(this, this.session(user), ...told.values);
});

Then('{user} is offered {offer}', async function (this: ApexWorld, user: string, offer: Phrase<Finding>) {
  await offer.meaning(this, this.session(user), ...offer.values);
});

Then("{user}'s {logFigure}", async function (this: ApexWorld, user: string, figure: Phrase<Finding>) {
  await figure.meaning(this, this.session(user), ...figure.values);
});

Then("{user}'s answer says in words that {saidInWords}", async function (this: ApexWorld, user: string, said: Phrase<Finding>) {
  await said.meaning(this, this.session(user), ...said.values);
});

Then('the recommendation {string} tells {user} {string}', async function (this: ApexWorld, title: string, user: string, words: string) {
  expectRecommendationSays(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), user, title, words);
});

Then('{user} watches the agent start, think, use a tool, finish the tool and complete, in that order', async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  await run.finished(this.target.runDeadlineMs);
  expectEventsInOrder(run, FIVE_EVENTS);
  expectWellFormedRun(run);
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

Then("{user}'s new conversation is named after the start of {pronoun} question", async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectNamedAfterQuestion(this.session(user), this.session(user).lastRun());
});

Then("{user}'s request, read back later, failed for the same reason", async function (this: ApexWorld, user: string) {
  await expectReadBackFailure(this.session(user), this.session(user).lastRun());
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

When('{user} stops it after it has ended', async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  run.interruptedAt = Date.now();
  sendOn(run.socket, 'agent_interrupt', { run_id: run.runId });
});

Then("nothing more of {user}'s analysis arrives or is recorded after the cancellation", async function (this: ApexWorld, user: string) {
  const run = this.session(user).runs.find((r) => r.interruptedAt)!;
  const received = expectCancellationLast(run);
  const probe = this.databaseProbe();
  if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
  await expectStoredEndingInCancellation(probe, run, received);
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

Given('{user} attaches a screenshot of {pronoun} dashboard before {pronoun} usage log', function (this: ApexWorld, user: string, _pronoun: string, _pronoun2: string) {
  this.session(user).remember('otherFiles', [...(this.session(user).noted('otherFiles') ?? []), { name: 'dashboard.png', media_type: 'image/png', content: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' }]);
});

Then('{user} sees the analysis progress stage by stage, each named, up to 100%', async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectProgressStages(run, 100);
});

Given("{user}'s usage {usageLogChange}", function (this: ApexWorld, user: string, usageLogChange: Phrase<PhraseStep>) {
  return usageLogChange.meaning.call(this, user, ...usageLogChange.values);
});

Then("{user}'s analysis {analysisOutcome}", function (this: ApexWorld, user: string, analysisOutcome: Phrase<PhraseStep>) {
  return analysisOutcome.meaning.call(this, user, ...analysisOutcome.values);
});

Then("{user}'s answer {answerOutcome}", function (this: ApexWorld, user: string, answerOutcome: Phrase<PhraseStep>) {
  return answerOutcome.meaning.call(this, user, ...answerOutcome.values);
});

Then("{user}'s request {requestOutcome}", function (this: ApexWorld, user: string, requestOutcome: Phrase<PhraseStep>) {
  return requestOutcome.meaning.call(this, user, ...requestOutcome.values);
});
