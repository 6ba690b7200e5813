import type { Phrase, PhraseStep } from '../support/phrasebook';
import { Then } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';

Then('the API {apiAnswer}', function (this: ApexWorld, apiAnswer: Phrase<PhraseStep>) {
  return apiAnswer.meaning.call(this, ...apiAnswer.values);
});

Then('the auth {authOutcome}', function (this: ApexWorld, authOutcome: Phrase<PhraseStep>) {
  return authOutcome.meaning.call(this, ...authOutcome.values);
});
