import type { Phrase, PhraseStep } from '../support/phrasebook';
import { DataTable, Given, Then } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';

import { expectLetInNowhere } from '../support/expectations/hostile-input';

Then('the platform lets {user} in neither on the chat nor through the API while its auth service answers {pronoun} token checks with each of these:', async function (this: ApexWorld, user: string, _pronoun: string, answers: DataTable) {
  await expectLetInNowhere(this.session(user), this.recall('authRelay'), answers.hashes() as { answer: string; verdict: string }[]);
});

Given('the platform {platformSetting}', function (this: ApexWorld, platformSetting: Phrase<PhraseStep>) {
  return platformSetting.meaning.call(this, ...platformSetting.values);
});
