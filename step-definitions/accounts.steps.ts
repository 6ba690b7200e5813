import type { Phrase, PhraseStep } from '../support/phrasebook';
import { signInThroughBypassAsNobody, signInThroughBypassAtOnce } from '../support/tasks/sign-in';
import { Given, Then, When } from '@cucumber/cucumber';
import { expectAccountsApart, expectCameBackSignedIn } from '../support/expectations/accounts';
import type { ApexWorld } from '../support/world';
import { PRODUCTION_PASSWORD_HASH_COST } from '../support/environment';
import { expectIndistinguishableRefusals, expectProfile, expectSimilarTiming, untilWindowPassed } from '../support/expectations/accounts';
import { AuthClient } from '../support/clients/auth-client';
import { expectFaultsListed } from '../support/expectations/sessions';
import { expectStatus } from '../support/clients/http';
import { OAUTH_DESTINATIONS, expectCodeSentTo, googleReturnOf, ownCallback } from '../support/oauth';
import { FAULT_LISTINGS, FAULT_SWITCHINGS, faultSwitchOfLatestInstance } from '../support/tasks/fault-switching';

Then("{user}'s profile shows {pronoun} email address and that {pronoun} may {permissions}", async function (this: ApexWorld, user: string, _pronoun: string, _pronoun2: string, permissions: string[]) {
  await expectProfile(this.session(user), permissions);
});

When('{user} is signed in through the simulated OAuth sign-in without giving an email address or a name', async function (this: ApexWorld, user: string) {
  const key = this.target.secrets.e2eBypassKey;
  if (!key) return this.skip('the simulated sign-in needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
  await signInThroughBypassAsNobody(this.session(user), key);
});

Then('{user} and {user} have accounts of their own', function (this: ApexWorld, a: string, b: string) {
  expectAccountsApart(this.session(a), this.session(b));
});

When("{user}'s first simulated OAuth sign-in is sent {int} times at once", async function (this: ApexWorld, user: string, times: number) {
  const key = this.target.secrets.e2eBypassKey;
  if (!key) return this.skip('the simulated sign-in needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
  await signInThroughBypassAtOnce(this.session(user), key, times);
});

/** The fault switch of the instance this scenario started, held with the service secret. */
When('the service {faultSwitching} at that instance', async function (this: ApexWorld, how: string) {
  await FAULT_SWITCHINGS[how](faultSwitchOfLatestInstance(this));
});

Then('that instance lists {faultListing}', async function (this: ApexWorld, listing: string) {
  await expectFaultsListed(faultSwitchOfLatestInstance(this), FAULT_LISTINGS[listing]);
});

Then('{user} comes back to the app signed in', async function (this: ApexWorld, user: string) {
  await expectCameBackSignedIn(this.session(user));
});

When("{user} replays {user}'s return from Google", async function (this: ApexWorld, user: string, owner: string) {
  const address = googleReturnOf(this.session(owner));
  const session = this.session(user);
  await session.attempt('callback', session.auth.follow(address));
});

When('{user} asks to sign in with {word}', async function (this: ApexWorld, user: string, provider: string) {
  const session = this.session(user);
  await session.attempt('sign-in start', session.auth.oauthStart(provider.toLowerCase()));
});

When('{user} asks the sign-in provider to send a code to {oauthDestination}', async function (this: ApexWorld, user: string, destination: string) {
  const session = this.session(user);
  const start = expectStatus(await session.auth.oauthStart('google'), 302, 'Starting a Google sign-in');
  const asked = new URL(start.location!);
  const target = OAUTH_DESTINATIONS[destination](ownCallback(start.location!));
  asked.searchParams.set('redirect_uri', target);
  this.remember('asked destination', target);
  await session.attempt('provider approval', session.auth.follow(asked.toString()));
});

Then("the provider sends {user}'s code there", function (this: ApexWorld, user: string) {
  expectCodeSentTo(this.session(user).lastAnswer, this.recall<string>('asked destination'));
});

Given('sign-in states last {int} second(s)', async function (this: ApexWorld, seconds: number) {
  const instance = await this.startInstance({ OAUTH_STATE_TTL_SECONDS: String(seconds) });
  if (!instance) return this.skip(`a deployment's sign-in states last its own time (10 minutes by the contract); this needs an instance with a short one.`);
  this.moveEveryoneTo(instance);
  this.remember('state lifetime', seconds * 1000);
});

When('{user} asks to sign in with {word} on that instance', async function (this: ApexWorld, user: string, provider: string) {
  const session = this.session(user);
  await session.attempt('sign-in start', new AuthClient(this.latestInstance.authUrl).oauthStart(provider.toLowerCase()));
});

When("{user} asks that instance's stand-in provider for a code as {user}", async function (this: ApexWorld, user: string, victim: string) {
  const session = this.session(user);
  const { authUrl } = this.latestInstance;
  const query = new URLSearchParams({ redirect_uri: `${authUrl}/auth/callback`, state: 'chosen-by-mallory', login_hint: this.session(victim).email });
  await session.attempt('stand-in provider', new AuthClient(authUrl).follow(`${authUrl}/auth/simulated-provider/authorize?${query}`));
});

Given('passwords are checked as slowly as in production', async function (this: ApexWorld) {
  // The suite's own platforms hash at a sixteenth of the production cost to sign people up faster;
  // at that cost a password check is hardly slower than the request around it, so skipping the
  // check for an unknown email would hide in the noise. A deployment hashes as it does.
  const instance = await this.startInstance({ PASSWORD_HASH_COST: String(PRODUCTION_PASSWORD_HASH_COST) });
  if (instance) this.moveEveryoneTo(instance);
  else this.log('The deployment checks passwords at its own cost.');
});

Then("{user}'s failed sign-ins are all refused in exactly the same words", function (this: ApexWorld, user: string) {
  expectIndistinguishableRefusals(this.session(user).attempts);
});

Then('a sign-in with an unknown email is refused about as fast as one with a wrong password', function (this: ApexWorld) {
  expectSimilarTiming([...this.sessions.values()].flatMap((s) => s.attempts));
});

Given('sign-in lockouts last {int} second(s)', async function (this: ApexWorld, seconds: number) {
  const instance = await this.startInstance({ LOCKOUT_WINDOW_SECONDS: String(seconds) });
  if (!instance) return this.skip(`a deployment's lockout window is its own (15 minutes by the contract); this needs an instance with a short one.`);
  this.moveEveryoneTo(instance);
  this.remember('lockout window', seconds * 1000);
});

When('the lockout window has passed', async function (this: ApexWorld) {
  await untilWindowPassed(this.recall<number>('first failed sign-in'), this.recall<number>('lockout window'));
});

Given('a platform {platformInstance}', function (this: ApexWorld, platformInstance: Phrase<PhraseStep>) {
  return platformInstance.meaning.call(this, ...platformInstance.values);
});

Given('{user} is {standing}', function (this: ApexWorld, user: string, standing: Phrase<PhraseStep>) {
  return standing.meaning.call(this, user, ...standing.values);
});

Then('{user} is {personIs}', function (this: ApexWorld, user: string, personIs: Phrase<PhraseStep>) {
  return personIs.meaning.call(this, user, ...personIs.values);
});

Then("{user}'s sign-in {signInOutcome}", function (this: ApexWorld, user: string, signInOutcome: Phrase<PhraseStep>) {
  return signInOutcome.meaning.call(this, user, ...signInOutcome.values);
});

When('{user} comes {comingBack}', function (this: ApexWorld, user: string, comingBack: Phrase<PhraseStep>) {
  return comingBack.meaning.call(this, user, ...comingBack.values);
});

When('{user} signs {signing}', function (this: ApexWorld, user: string, signing: Phrase<PhraseStep>) {
  return signing.meaning.call(this, user, ...signing.values);
});

When('{user} starts {starting}', function (this: ApexWorld, user: string, starting: Phrase<PhraseStep>) {
  return starting.meaning.call(this, user, ...starting.values);
});

When('{user} tries {attempt}', function (this: ApexWorld, user: string, attempt: Phrase<PhraseStep>) {
  return attempt.meaning.call(this, user, ...attempt.values);
});
