import type { Phrase, PhraseStep } from '../support/phrasebook';
import { Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';

Then('each of {eachOutcome}', function (this: ApexWorld, eachOutcome: Phrase<PhraseStep>) {
  return eachOutcome.meaning.call(this, ...eachOutcome.values);
});

When("{user}'s {ownEvent}", function (this: ApexWorld, user: string, ownEvent: Phrase<PhraseStep>) {
  return ownEvent.meaning.call(this, user, ...ownEvent.values);
});
