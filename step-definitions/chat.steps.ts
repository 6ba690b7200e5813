import type { Phrase, PhraseStep } from '../support/phrasebook';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { closeOneChat } from '../support/resource-bounds';
import { expectOpenChatsAnswer } from '../support/expectations/resource-bounds';

When('{user} closes one of {pronoun} chat connections', async function (this: ApexWorld, user: string, _pronoun: string) {
  await closeOneChat(this.session(user));
});

Then("all {int} of {user}'s open chat connections (still )answer", async function (this: ApexWorld, count: number, user: string) {
  await expectOpenChatsAnswer(this.session(user), count);
});

Then("{user}'s open chat connection (still )answers", async function (this: ApexWorld, user: string) {
  await expectOpenChatsAnswer(this.session(user), 1);
});

Given('{user} has {having}', function (this: ApexWorld, user: string, having: Phrase<PhraseStep>) {
  return having.meaning.call(this, user, ...having.values);
});

When('{user} opens {opening}', function (this: ApexWorld, user: string, opening: Phrase<PhraseStep>) {
  return opening.meaning.call(this, user, ...opening.values);
});
