import { openSocket } from '../support/tasks/chat';
import { ensureSignedIn, googleCallbackParameters, signIn, signInThroughBypass, signInThroughBypassAsNobody, signInThroughBypassAtOnce, signInWithGoogle, signUp } from '../support/tasks/sign-in';
import { Given, Then, When } from '@cucumber/cucumber';
import { expectToldToWait } from '../support/refusals';
import { expectAccountsApart, expectBackInSameAccount, expectCalled, expectCalledByGivenEmail, expectCameBackSignedIn, expectOneAccount } from '../support/expectations/accounts';
import type { ApexWorld } from '../support/world';
import { expectApiRefuses } from '../support/expectations/sessions';
import { PRODUCTION_PASSWORD_HASH_COST } from '../support/environment';
import { expectFreshSession, expectIndistinguishableRefusals, expectLetIn, expectProfile, expectSessionConfirmed, expectSimilarTiming, untilWindowPassed } from '../support/expectations/accounts';
import { AuthClient } from '../support/clients/auth-client';
import { expectFaultsListed } from '../support/expectations/sessions';
import { expectStatus } from '../support/clients/http';
import { BAD_SIGN_UPS } from '../support/domain';
import { addressesFor } from '../support/deployment';
import { OAUTH_DESTINATIONS, PUBLISHED_AUTH_ADDRESS, expectCodeSentTo, expectLeadsThroughPublishedAddress, expectSameDestinations, googleApprovalOf, googleReturnOf, ownCallback } from '../support/oauth';
import { comeBackFromGoogle, trySimulatedSignIn } from '../support/tasks/oauth-returns';
import { FAULT_LISTINGS, FAULT_SWITCHINGS, faultSwitchOfLatestInstance } from '../support/tasks/fault-switching';

Given('{user} is signed in', async function (this: ApexWorld, user: string) {
  await ensureSignedIn(this.session(user));
});

When('{user} signs up with {pronoun} email address and a password', async function (this: ApexWorld, user: string, _pronoun: string) {
  await signUp(this.session(user));
});

When('{user} signs in with {pronoun} email address and password', async function (this: ApexWorld, user: string, _pronoun: string) {
  await signIn(this.session(user));
});

Then("{user}'s sign-in gives {pronoun} a new session, not the one from sign-up", function (this: ApexWorld, user: string, _pronoun: string) {
  expectFreshSession(this.session(user));
});

Then("the platform confirms that {user}'s session is {pronoun}", async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectSessionConfirmed(this.session(user), this.target.secrets.service);
});

Then("{user}'s profile shows {pronoun} email address and that {pronoun} may {permissions}", async function (this: ApexWorld, user: string, _pronoun: string, _pronoun2: string, permissions: string[]) {
  await expectProfile(this.session(user), permissions);
});


Given('{user} is signed in through the simulated OAuth sign-in', async function (this: ApexWorld, user: string) {
  const key = this.target.secrets.e2eBypassKey;
  if (!key) return this.skip('the simulated sign-in needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
  await signInThroughBypass(this.session(user), key);
});

When('{user} is signed in through the simulated OAuth sign-in without giving an email address or a name', async function (this: ApexWorld, user: string) {
  const key = this.target.secrets.e2eBypassKey;
  if (!key) return this.skip('the simulated sign-in needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
  await signInThroughBypassAsNobody(this.session(user), key);
});

Then('{user} and {user} have accounts of their own', function (this: ApexWorld, a: string, b: string) {
  expectAccountsApart(this.session(a), this.session(b));
});

Then('{user} is called by the first part of the email address the platform gave {pronoun}', async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectCalledByGivenEmail(this.session(user));
});

When("{user}'s first simulated OAuth sign-in is sent {int} times at once", async function (this: ApexWorld, user: string, times: number) {
  const key = this.target.secrets.e2eBypassKey;
  if (!key) return this.skip('the simulated sign-in needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
  await signInThroughBypassAtOnce(this.session(user), key, times);
});

Then('every one of them lets {user} into the same account', function (this: ApexWorld, user: string) {
  expectOneAccount(this.session(user));
});

Given('{user} is signed in with permission only to {permissions}', async function (this: ApexWorld, user: string, permissions: string[]) {
  const key = this.target.secrets.e2eBypassKey;
  if (!key) return this.skip('choosing permissions needs the simulated sign-in; set APEX_E2E_BYPASS_KEY for this target.');
  await signInThroughBypass(this.session(user), key, { permissions });
});

Then('the API refuses {user}, who carries the bypass key instead of a token', async function (this: ApexWorld, user: string) {
  const key = this.target.secrets.e2eBypassKey;
  if (!key) return this.skip('this needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
  const session = this.session(user);
  const headers = { 'x-e2e-bypass-key': key };
  await expectApiRefuses(session, { api: session.api.sendingHeaders(headers), auth: session.auth.sendingHeaders(headers) });
});

When('{user} opens a chat connection carrying the bypass key instead of a token', async function (this: ApexWorld, user: string) {
  const key = this.target.secrets.e2eBypassKey;
  if (!key) return this.skip('this needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
  await openSocket(this.session(user), 'none', undefined, { headers: { 'x-e2e-bypass-key': key } });
});

When('{user} tries the simulated OAuth sign-in {badBypassKey}', function (this: ApexWorld, user: string, how: string) {
  return trySimulatedSignIn(this, this.session(user), how);
});

Given('a platform instance for {word} that holds the bypass key', async function (this: ApexWorld, environment: string) {
  if (!(await this.startInstance({ ENVIRONMENT: environment, ...addressesFor(environment) }))) return this.skip(`this starts a reference platform instance for ${environment}; a deployment is what it is.`);
});

Given('a platform instance whose sign-in service is published at an address of its own', async function (this: ApexWorld) {
  if (!(await this.startInstance({ PUBLIC_AUTH_URL: PUBLISHED_AUTH_ADDRESS }))) return this.skip('this starts a reference platform instance behind a published address; a deployment is where it is.');
});

Then("{user}'s sign-in leads to the provider and back only through that published address", function (this: ApexWorld, user: string) {
  expectLeadsThroughPublishedAddress(this.session(user).lastAnswer);
});

/** The fault switch of the instance this scenario started, held with the service secret. */
When('the service {faultSwitching} at that instance', async function (this: ApexWorld, how: string) {
  await FAULT_SWITCHINGS[how](faultSwitchOfLatestInstance(this));
});

Then('that instance lists {faultListing}', async function (this: ApexWorld, listing: string) {
  await expectFaultsListed(faultSwitchOfLatestInstance(this), FAULT_LISTINGS[listing]);
});

When('{user} tries the simulated OAuth sign-in on that instance', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const auth = new AuthClient(this.latestInstance.authUrl);
  await session.attempt('test sign-in', auth.testSignIn(this.target.secrets.e2eBypassKey ?? '', { email: session.email }));
});

When('{user} signs in with Google', async function (this: ApexWorld, user: string) {
  await signInWithGoogle(this.session(user));
});

When('{user} signs in with Google again', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  this.remember(`${user}'s first account`, session.userId);
  await signInWithGoogle(session);
});

Then('{user} is back in the same account', function (this: ApexWorld, user: string) {
  expectBackInSameAccount(this.session(user), this.recall<string>(`${user}'s first account`));
});

Then('{user} comes back to the app signed in', async function (this: ApexWorld, user: string) {
  await expectCameBackSignedIn(this.session(user));
});

When('{user} comes back from Google {badGoogleReturn}', async function (this: ApexWorld, user: string, how: string) {
  await comeBackFromGoogle(this.session(user), how);
});

When("{user} replays {user}'s return from Google", async function (this: ApexWorld, user: string, owner: string) {
  const address = googleReturnOf(this.session(owner));
  const session = this.session(user);
  await session.attempt('callback', session.auth.follow(address));
});

When("{user} comes back from Google with a fresh code for {user}'s already used sign-in", async function (this: ApexWorld, user: string, owner: string) {
  const approval = googleApprovalOf(this.session(owner));
  const session = this.session(user);
  const approved = expectStatus(await session.auth.follow(approval), 302, 'The provider approving again');
  await session.attempt('callback', session.auth.follow(approved.location!));
});

When("{user} comes back from Google with {user}'s already used code, in a sign-in of {pronoun} own", async function (this: ApexWorld, user: string, owner: string, _pronoun: string) {
  const used = googleReturnOf(this.session(owner));
  const session = this.session(user);
  const { state } = await googleCallbackParameters(session);
  await session.attempt('callback', session.auth.oauthCallback({ code: new URL(used).searchParams.get('code')!, state }));
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

When('{user} starts a Google sign-in that would land on {oauthDestination}', async function (this: ApexWorld, user: string, destination: string) {
  const session = this.session(user);
  const honest = expectStatus(await session.auth.oauthStart('google'), 302, 'Starting a Google sign-in');
  await session.attempt('sign-in start', session.auth.oauthStart('google', OAUTH_DESTINATIONS[destination](ownCallback(honest.location!))));
});

When("{user} starts a Google sign-in with a Host header naming another site", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  this.remember('honest start', expectStatus(await session.auth.oauthStart('google'), 302, 'Starting a Google sign-in'));
  await session.attempt('sign-in start', session.auth.oauthStartClaimingHost('google', 'attacker.example'));
});

Then("{user}'s sign-in leads only to the platform's own addresses", function (this: ApexWorld, user: string) {
  expectSameDestinations(this.session(user).lastAnswer!, this.recall('honest start'));
});

Given('sign-in states last {int} second(s)', async function (this: ApexWorld, seconds: number) {
  const instance = await this.startInstance({ OAUTH_STATE_TTL_SECONDS: String(seconds) });
  if (!instance) return this.skip(`a deployment's sign-in states last its own time (10 minutes by the contract); this needs an instance with a short one.`);
  this.moveEveryoneTo(instance);
  this.remember('state lifetime', seconds * 1000);
});

When('{user} starts a Google sign-in and comes back after its state has expired', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const started = Date.now();
  const { code, state } = await googleCallbackParameters(session);
  await untilWindowPassed(started, this.recall<number>('state lifetime'));
  await session.attempt('callback', session.auth.oauthCallback({ code, state }));
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

When("{user} signs up with {user}'s email address", async function (this: ApexWorld, user: string, owner: string) {
  const session = this.session(user);
  await session.attempt('sign-up', session.auth.register({ email: this.session(owner).email, password: session.password }));
});

When('{user} signs up with a password of {int} characters', async function (this: ApexWorld, user: string, length: number) {
  const session = this.session(user);
  await session.attempt('sign-up', session.auth.register({ email: session.email, password: 'p'.repeat(length) }));
});

When('{user} signs up with {badSignUp}', async function (this: ApexWorld, user: string, problem: string) {
  const session = this.session(user);
  await session.attempt('sign-up', session.auth.registerRaw(BAD_SIGN_UPS[problem](session.email, session.password)));
});

When('{user} signs in with {badSignUp}', async function (this: ApexWorld, user: string, problem: string) {
  const session = this.session(user);
  await session.attempt('sign-in', session.auth.loginRaw(BAD_SIGN_UPS[problem](session.email, session.password)));
});

When('{user} tries {int} times to sign in as {user} with a wrong password', async function (this: ApexWorld, user: string, times: number, owner: string) {
  const session = this.session(user);
  for (let i = 0; i < times; i++) {
    await session.attempt('wrong password', session.auth.login({ email: this.session(owner).email, password: 'wrong-password-123' }));
    // The window opens when the first failure is counted, which is before its answer arrives.
    if (!this.hasNoted('first failed sign-in')) this.remember('first failed sign-in', Date.now());
  }
});

When('{user} tries to sign in as {user} with a password of {pronoun} own', async function (this: ApexWorld, user: string, owner: string, _pronoun: string) {
  const session = this.session(user);
  await session.attempt('sign-in', session.auth.login({ email: this.session(owner).email, password: 'any-password-123' }));
});

Given('passwords are checked as slowly as in production', async function (this: ApexWorld) {
  // The suite's own platforms hash at a sixteenth of the production cost to sign people up faster;
  // at that cost a password check is hardly slower than the request around it, so skipping the
  // check for an unknown email would hide in the noise. A deployment hashes as it does.
  const instance = await this.startInstance({ PASSWORD_HASH_COST: String(PRODUCTION_PASSWORD_HASH_COST) });
  if (instance) this.moveEveryoneTo(instance);
  else this.log('The deployment checks passwords at its own cost.');
});

When('{user} tries {int} times to sign in as {user} with a wrong password, writing {pronoun} email address in capitals', async function (this: ApexWorld, user: string, times: number, owner: string, _pronoun: string) {
  const session = this.session(user);
  for (let i = 0; i < times; i++) {
    await session.attempt('wrong password', session.auth.login({ email: this.session(owner).email.toUpperCase(), password: 'wrong-password-123' }));
  }
});

When('{user} tries {int} times to sign in as {user} with a wrong password, each time followed by an email nobody has', async function (this: ApexWorld, user: string, times: number, owner: string) {
  const session = this.session(user);
  // In turn, so that both kinds meet the same load on the machine and their times compare.
  for (let i = 0; i < times; i++) {
    await session.attempt('wrong password', session.auth.login({ email: this.session(owner).email, password: 'wrong-password-123' }));
    await session.attempt('unknown email', session.auth.login({ email: `nobody.${session.email}`, password: 'wrong-password-123' }));
  }
});

When('{user} tries to sign in with {pronoun} right password', async function (this: ApexWorld, user: string, _pronoun: string) {
  const session = this.session(user);
  await session.attempt('sign-in', session.auth.login({ email: session.email, password: session.password }));
});

Then("{user}'s failed sign-ins are all refused in exactly the same words", function (this: ApexWorld, user: string) {
  expectIndistinguishableRefusals(this.session(user).attempts);
});

Then('a sign-in with an unknown email is refused about as fast as one with a wrong password', function (this: ApexWorld) {
  expectSimilarTiming([...this.sessions.values()].flatMap((s) => s.attempts));
});

Then('{user} is refused because there were too many failed attempts, and told to wait {int} {word}', function (this: ApexWorld, user: string, count: number, unit: string) {
  expectToldToWait(this.session(user).lastAnswer, `${count} ${unit}`);
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

When('{user} signs in with {pronoun} email address in capitals and {pronoun} password', async function (this: ApexWorld, user: string, _pronoun: string, _pronoun2: string) {
  const session = this.session(user);
  await session.attempt('sign-in', session.auth.login({ email: session.email.toUpperCase(), password: session.password }));
});

When("{user} signs up with {user}'s email address in capitals", async function (this: ApexWorld, user: string, owner: string) {
  const session = this.session(user);
  await session.attempt('sign-up', session.auth.register({ email: this.session(owner).email.toUpperCase(), password: session.password }));
});

Then('{user} is let in', function (this: ApexWorld, user: string) {
  expectLetIn(this.session(user));
});

When('{user} signs up giving {pronoun} name as {string}', async function (this: ApexWorld, user: string, _pronoun: string, name: string) {
  const session = this.session(user);
  await session.attempt('sign-up', session.auth.register({ email: session.email, password: session.password, name }));
});

When('{user} signs up without giving a name', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await session.attempt('sign-up', session.auth.register({ email: session.email, password: session.password }));
});

Then('{user} is called {string} on {pronoun} account', async function (this: ApexWorld, user: string, name: string, _pronoun: string) {
  await expectCalled(this.session(user), name);
});

Then('{user} is called by the first part of {pronoun} email address on {pronoun} account', async function (this: ApexWorld, user: string, _pronoun: string, _pronoun2: string) {
  const session = this.session(user);
  await expectCalled(session, session.email.split('@')[0]);
});
