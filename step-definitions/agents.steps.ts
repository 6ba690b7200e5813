import type { Phrase, PhraseStep } from '../support/phrasebook';
import type { Request } from '../support/tasks/asking';
import type { Finding } from '../support/expectations/told';

import { DataTable, Given, Then, When } from '@cucumber/cucumber';

import type { ApexWorld } from '../support/world';
import { money } from '../support/domain';
import { answeredRun, expectReportFigures } from '../support/expectations/agents';

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

Then("{user}'s report says {pronoun} spend(s) {money} a month, can save {money} a month \\({float}%), and wait(s) about {int} ms a request, with these recommendations:", async function (this: ApexWorld, user: string, _pronoun: string, spend: number, saving: number, percent: number, waitMs: number, table: DataTable) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  const recommendations = table.hashes().map((row): [string, number] => [row.recommendation, money(row['worth a month'])]);
  expectReportFigures(run, { spend, saving, percent, recommendations, waitMs });
});

Given("{user}'s usage log {string}:", function (this: ApexWorld, user: string, name: string, table: DataTable) {
  const [header, ...rows] = table.raw();
  this.session(user).remember('usageLog', { name, header: header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_')), rows });
});

Given("{user}'s {ownContext}", function (this: ApexWorld, user: string, ownContext: Phrase<PhraseStep>) {
  return ownContext.meaning.call(this, user, ...ownContext.values);
});

Then('{outcome}', function (this: ApexWorld, outcome: Phrase<PhraseStep>) {
  return outcome.meaning.call(this, ...outcome.values);
});

Then("{user}'s {ownOutcome}", function (this: ApexWorld, user: string, ownOutcome: Phrase<PhraseStep>) {
  return ownOutcome.meaning.call(this, user, ...ownOutcome.values);
});
