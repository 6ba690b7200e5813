import type { Phrase, PhraseStep } from '../support/phrasebook';
import type { Request } from '../support/tasks/asking';
import type { Finding } from '../support/expectations/told';

import { DataTable, Given, Then, When } from '@cucumber/cucumber';

import type { ApexWorld } from '../support/world';
import { money, deepStagePace } from '../support/domain';
import { runWithAgentPatience } from '../support/agent-patience';
import { answeredRun, completedResult, expectReportFigures, expectToolFiguresInAnswer, expectRecommendationSays, expectTopRecommendation, expectConfidenceScore, expectCancellationLast, expectStoredEndingInCancellation, expectFollowUpInConversation, expectSameFiguresAsStreamed } from '../support/expectations/agents';

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

Then('the top recommendation for {user} is {string}', async function (this: ApexWorld, user: string, title: string) {
  expectTopRecommendation(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), user, title);
});

Then("the agent states its confidence in {user}'s answer as a score between 0 and 1", async function (this: ApexWorld, user: string) {
  expectConfidenceScore(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs));
});

Then("the figures the tools found are the ones in {user}'s answer", async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectToolFiguresInAnswer(run);
});

Then("{user}'s report says {pronoun} spend(s) {money} a month, can save {money} a month \\({float}%), and wait(s) about {int} ms a request, with these recommendations:", async function (this: ApexWorld, user: string, _pronoun: string, spend: number, saving: number, percent: number, waitMs: number, table: DataTable) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  const recommendations = table.hashes().map((row): [string, number] => [row.recommendation, money(row['worth a month'])]);
  expectReportFigures(run, { spend, saving, percent, recommendations, waitMs });
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

Given('the {word} {toolSetting}', function (this: ApexWorld, p0: string, toolSetting: Phrase<PhraseStep>) {
  return toolSetting.meaning.call(this, p0, ...toolSetting.values);
});

Given("{user}'s {ownContext}", function (this: ApexWorld, user: string, ownContext: Phrase<PhraseStep>) {
  return ownContext.meaning.call(this, user, ...ownContext.values);
});

Then('every tool {toolOutcome}', function (this: ApexWorld, toolOutcome: Phrase<PhraseStep>) {
  return toolOutcome.meaning.call(this, ...toolOutcome.values);
});

Then("{user}'s {ownOutcome}", function (this: ApexWorld, user: string, ownOutcome: Phrase<PhraseStep>) {
  return ownOutcome.meaning.call(this, user, ...ownOutcome.values);
});
