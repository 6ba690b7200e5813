import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actor';
import { phrased } from '../support/phrasebook';
import { expectLetInNowhere } from '../support/expectations/hostile-input';
import { expectStarted } from '../support/expectations/start-up';
import type { ApexWorld } from '../support/world';

// The platform and its instances: how they are set up, what happens to them and what they do.

Given('the platform {platformSetting}', phrased(0));
Given('a platform instance {platformInstance}', phrased(0));
Given('an instance of the platform {instanceSetting}', phrased(0));

When('the platform {platformEvent}', phrased(0));
When('its {dependency} {dependencyEvent}', phrased(1));

Then('the platform {platformOutcome}', phrased(0));

Then('it starts', function (this: ApexWorld) {
  expectStarted(this.recall('platformProcess'));
});

Then('the platform lets {actor} in neither on the chat nor through the API while its auth service answers {pronoun} token checks with each of these:', async function (this: ApexWorld, user: Actor, _pronoun: string, answers: DataTable) {
  await expectLetInNowhere(this.session(user), this.recall('authRelay'), answers.hashes() as { answer: string; verdict: string }[]);
});
