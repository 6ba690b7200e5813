import type { Phrase, PhraseStep } from '../support/phrasebook';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { catchUpTime, expectCaughtUpWithin } from '../support/expectations/realtime';
import { untilWindowPassed } from '../support/expectations/accounts';

Then('the first missed event reached {user} within {int} seconds of reconnecting', function (this: ApexWorld, user: string, seconds: number) {
  const took = catchUpTime(this.session(user).lastRun());
  this.evidence(`Reconnection to the first replayed event: ${took} ms`);
  expectCaughtUpWithin(took, seconds);
});

Given('the chat allows {int} message(s) per customer every {int} second(s)', async function (this: ApexWorld, limit: number, seconds: number) {
  const instance = await this.startInstance({ WS_RATE_LIMIT_PER_MINUTE: String(limit), WS_RATE_LIMIT_WINDOW_SECONDS: String(seconds) });
  if (!instance) return this.skip(`a deployment's message window is a minute; this needs an instance with a short one.`);
  this.moveEveryoneTo(instance);
  this.remember('message window', seconds * 1000);
});

When('the message window has passed', async function (this: ApexWorld) {
  await untilWindowPassed(this.recall<number>('first message'), this.recall<number>('message window'));
});

Then('each of {eachOutcome}', function (this: ApexWorld, eachOutcome: Phrase<PhraseStep>) {
  return eachOutcome.meaning.call(this, ...eachOutcome.values);
});

Then('every event {everyEvent}', function (this: ApexWorld, everyEvent: Phrase<PhraseStep>) {
  return everyEvent.meaning.call(this, ...everyEvent.values);
});

When("{user}'s {ownEvent}", function (this: ApexWorld, user: string, ownEvent: Phrase<PhraseStep>) {
  return ownEvent.meaning.call(this, user, ...ownEvent.values);
});
