import type { Phrase, PhraseStep } from '../support/phrasebook';
import { Given } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';

Given('{user} {personContext}', function (this: ApexWorld, user: string, personContext: Phrase<PhraseStep>) {
  return personContext.meaning.call(this, user, ...personContext.values);
});
