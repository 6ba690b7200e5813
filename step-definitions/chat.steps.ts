import type { Phrase, PhraseStep } from '../support/phrasebook';
import { Given, Then } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectOpenChatsAnswer } from '../support/expectations/resource-bounds';

Then("all {int} of {user}'s open chat connections (still )answer", async function (this: ApexWorld, count: number, user: string) {
  await expectOpenChatsAnswer(this.session(user), count);
});

Given('{user} {personContext}', function (this: ApexWorld, user: string, personContext: Phrase<PhraseStep>) {
  return personContext.meaning.call(this, user, ...personContext.values);
});
