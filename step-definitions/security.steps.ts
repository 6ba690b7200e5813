import type { Phrase, PhraseStep } from '../support/phrasebook';
import { chatSocket } from '../support/tasks/chat';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { publishPoison } from '../support/hostile-input';

import { PrivateRedis } from '../support/fakes/private-redis';
import { GarbageAuth } from '../support/fakes/garbage-auth';
import { endOwnProcess, runInOwnProcess } from '../support/crashes';
import { expectRecordEndsInFailure } from '../support/expectations/runs';
import { expectLetInNowhere } from '../support/expectations/hostile-input';
import { expectHealth } from '../support/expectations/realtime';
import { expectBurstRefusals, expectNoAccount } from '../support/expectations/hostile-input';

Then('no account was made for {user}', async function (this: ApexWorld, user: string) {
  await expectNoAccount(this.session(user));
});

Then('both services are still healthy', async function (this: ApexWorld) {
  await expectHealth(this.activeInstance ?? this.target, { status: 'healthy' });
});

Then("exactly {int} of {user}'s attempts were checked, and the other {int} refused because there were too many failed attempts", function (this: ApexWorld, checked: number, user: string, refused: number) {
  expectBurstRefusals(this.session(user).attempts, checked, refused);
});

const OWN_PROCESS = 'this starts the reference platform as a process of its own, beside stand-ins for its neighbours; a remote target cannot be rewired.';

Given('the platform runs in a process of its own, on a Redis server of its own', async function (this: ApexWorld) {
  if (this.target.kind === 'remote') return this.skip(OWN_PROCESS);
  if (!PrivateRedis.available) return this.skip('there is no redis-server on this machine to start a private one with (install Debian\'s redis-server).');
  const redis = await PrivateRedis.start();
  this.keepStandIn(redis);
  this.remember('private redis', redis);
  await runInOwnProcess(this, { REDIS_URL: redis.url });
  return undefined;
});

Given('the platform runs in a process of its own, whose auth service answers with a page that is not JSON', async function (this: ApexWorld) {
  if (this.target.kind === 'remote') return this.skip(OWN_PROCESS);
  const garbage = await GarbageAuth.start();
  this.keepStandIn(garbage);
  await runInOwnProcess(this, { AUTH_SERVICE_URL: garbage.url });
  return undefined;
});

Given('the platform runs in a process of its own', async function (this: ApexWorld) {
  if (!(await runInOwnProcess(this))) return this.skip(OWN_PROCESS);
  return undefined;
});

When("the platform's process is {processEnding} once {user}'s analysis is under way", async function (this: ApexWorld, ending: string, user: string) {
  await endOwnProcess(this, ending, this.session(user).lastRun());
});

Then("the record of {user}'s analysis ends in a single failure, because {failureReason}, with no gap in its numbering", async function (this: ApexWorld, user: string, code: string) {
  const probe = this.databaseProbe();
  if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
  await expectRecordEndsInFailure(probe, this.session(user).lastRun(), code);
  return undefined;
});

When("a neighbour publishes {poison}, while {user}'s chat is open", async function (this: ApexWorld, poison: string, user: string) {
  const session = this.session(user);
  await chatSocket(session);
  await publishPoison(this.recall<PrivateRedis>('private redis'), session, poison);
});

Then('the platform lets {user} in neither on the chat nor through the API while its auth service answers {pronoun} token checks with each of these:', async function (this: ApexWorld, user: string, _pronoun: string, answers: DataTable) {
  await expectLetInNowhere(this.session(user), this.recall('authRelay'), answers.hashes() as { answer: string; verdict: string }[]);
});

Given('the platform {platformSetting}', function (this: ApexWorld, platformSetting: Phrase<PhraseStep>) {
  return platformSetting.meaning.call(this, ...platformSetting.values);
});

When('the platform {platformEvent}', function (this: ApexWorld, platformEvent: Phrase<PhraseStep>) {
  return platformEvent.meaning.call(this, ...platformEvent.values);
});
