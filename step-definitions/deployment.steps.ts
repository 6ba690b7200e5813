import type { Phrase, PhraseStep } from '../support/phrasebook';
import { When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';

// INC-01 Service identity

// INC-02 Front-end discovery

// INC-03 Cross-origin requests

When('the platform {platformEvent}', function (this: ApexWorld, platformEvent: Phrase<PhraseStep>) {
  return platformEvent.meaning.call(this, ...platformEvent.values);
});
