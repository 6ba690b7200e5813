import type { Phrase, PhraseStep } from '../support/phrasebook';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';

/** The fault switch of the instance this scenario started, held with the service secret. */

Given('{situation}', function (this: ApexWorld, situation: Phrase<PhraseStep>) {
  return situation.meaning.call(this, ...situation.values);
});

Given('a platform {platformInstance}', function (this: ApexWorld, platformInstance: Phrase<PhraseStep>) {
  return platformInstance.meaning.call(this, ...platformInstance.values);
});

Then('{user} {personOutcome}', function (this: ApexWorld, user: string, personOutcome: Phrase<PhraseStep>) {
  return personOutcome.meaning.call(this, user, ...personOutcome.values);
});

When('{user} {personAction}', function (this: ApexWorld, user: string, personAction: Phrase<PhraseStep>) {
  return personAction.meaning.call(this, user, ...personAction.values);
});
