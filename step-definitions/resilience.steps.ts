import type { Phrase, PhraseStep } from '../support/phrasebook';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectAnsweredAsUnavailable } from '../support/expectations/resource-bounds';

Then('{user} is answered within {int} seconds, and told it cannot be done right now, for each of these:', async function (this: ApexWorld, user: string, seconds: number, requests: DataTable) {
  this.evidence(await expectAnsweredAsUnavailable(this.session(user), this.activeInstance!, this.recall('breakable').dependency, requests.hashes().map((row) => row.request), seconds * 1000));
});

Given('an instance {instanceSetting}', function (this: ApexWorld, instanceSetting: Phrase<PhraseStep>) {
  return instanceSetting.meaning.call(this, ...instanceSetting.values);
});

Then('the platform {platformOutcome}', function (this: ApexWorld, platformOutcome: Phrase<PhraseStep>) {
  return platformOutcome.meaning.call(this, ...platformOutcome.values);
});

When('{happening}', function (this: ApexWorld, happening: Phrase<PhraseStep>) {
  return happening.meaning.call(this, ...happening.values);
});

When('its {dependency} {dependencyEvent}', function (this: ApexWorld, p0: string, dependencyEvent: Phrase<PhraseStep>) {
  return dependencyEvent.meaning.call(this, p0, ...dependencyEvent.values);
});
