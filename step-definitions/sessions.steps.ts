import type { Phrase, PhraseStep } from '../support/phrasebook';
import { ensureSignedIn, keepSession, presentToken, refresh, signOut } from '../support/tasks/sign-in';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { claimsOf } from '../support/clients/tokens';
import { FORGERIES, sessionOfGoneAccount } from '../support/clients/forgery';
import { expectStatus } from '../support/clients/http';
import { ApiClient } from '../support/clients/api-client';
import { AuthClient } from '../support/clients/auth-client';
import { expectRefusal } from '../support/refusals';
import { untilWindowPassed } from '../support/expectations/accounts';
import { firstDeviceRefreshToken, previousRefreshToken } from '../support/tasks/sign-in';
import { untilExpired, expectRenewedTokens, expectApiAccepts, expectApiRefuses, expectChatRefused, expectOpenSocketsClosed, expectRevocationRecorded, expectOnlyFirstLoginEnded, expectSessionEndedOnRecord } from '../support/expectations/sessions';
import { SERVICE_CREDENTIALS } from '../support/refusals';
import { askToVouch } from '../support/tasks/vouching';

When("{user}'s session has expired", async function (this: ApexWorld, user: string) {
  await untilExpired(this.session(user));
});

Then("the second instance refuses {user}'s token", async function (this: ApexWorld, user: string) {
  const instance = this.latestInstance;
  await expectApiRefuses(this.session(user), { api: new ApiClient(instance.apiUrl), auth: new AuthClient(instance.authUrl) });
});

Then('{user} cannot open a chat connection because {socketRefusal}', async function (this: ApexWorld, user: string, reason: string) {
  await expectChatRefused(this.session(user), reason);
});

When('{user} refreshes {pronoun} session', async function (this: ApexWorld, user: string, _pronoun: string) {
  await refresh(this.session(user));
});

Then('{user} has a new session that works', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  expectRenewedTokens(session);
  await expectApiAccepts(session);
});

When("{user} presents {user}'s spent refresh token", async function (this: ApexWorld, presenter: string, owner: string) {
  const spent = previousRefreshToken(this.session(owner));
  await this.session(presenter).attempt('refresh', this.session(presenter).auth.refresh(spent));
});

Then("{user}'s previous refresh token no longer works", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const previous = previousRefreshToken(session);
  expectRefusal(await session.auth.refresh(previous), 'the refresh token is not valid');
});

Then("{user}'s session can no longer be refreshed", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  expectRefusal(await session.auth.refresh(session.tokens!.refresh_token), 'the refresh token is not valid');
});

Then("{user}'s open chat connections are closed within {int} seconds", async function (this: ApexWorld, user: string, seconds: number) {
  await expectOpenSocketsClosed(this.session(user), seconds * 1000);
});

Then("the revocation of {user}'s token is kept in Redis until the token would have expired", async function (this: ApexWorld, user: string) {
  const probe = this.cacheProbe();
  if (!probe) return this.skip('the suite has no Redis address for this target.');
  await expectRevocationRecorded(probe, this.session(user));
});

Given('{user} presents a token that is {forgery}', async function (this: ApexWorld, user: string, forgery: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  const recipe = FORGERIES[forgery];
  const { jwt, service } = this.target.secrets;
  if (recipe.needsSecret && !jwt) return this.skip(`building a token that is ${forgery} needs the signing secret; set APEX_JWT_SECRET for this target.`);
  if (recipe.needsServiceSecret && !service) return this.skip(`getting a token that is ${forgery} needs the service secret; set APEX_SERVICE_SECRET for this target.`);
  const serviceToken = async () => (service ? expectStatus(await session.auth.serviceToken({ service_id: 'netra-backend', service_secret: service }), 200, 'Getting a service token').body.access_token : undefined);
  presentToken(session, await recipe.build({ accessToken: session.accessToken, refreshToken: session.tokens!.refresh_token, signingSecret: jwt, signOut: () => signOut(session), serviceToken }));
});

Given('{user} holds a session whose account no longer exists', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const { jwt } = this.target.secrets;
  if (!jwt) return this.skip('a session of an account that is gone needs the signing secret; set APEX_JWT_SECRET for this target.');
  await ensureSignedIn(session);
  keepSession(session, { ...session.tokens!, ...(await sessionOfGoneAccount(session.tokens!, jwt)) });
});

When("{caller} asks the auth service to vouch for {user}'s token {vouchCredentials}", function (this: ApexWorld, _caller: string, user: string, how: string) {
  return askToVouch(this, this.session(user), how);
});

When('{user} asks the auth service to vouch for a token by reading its address', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await session.attempt('validate', session.auth.validateByReading());
});

When('a service asks for a service token with {serviceCredentials}', async function (this: ApexWorld, credentials: string) {
  const secret = this.target.secrets.service;
  if (!secret) return this.skip('this needs the service secret; set APEX_SERVICE_SECRET for this target.');
  const service = this.session('Service');
  await service.attempt('service token', service.auth.serviceToken(SERVICE_CREDENTIALS[credentials](secret)));
});

When('{user} refreshes {pronoun} session on the first device', async function (this: ApexWorld, user: string, _pronoun: string) {
  const session = this.session(user);
  // The first device's new pair is not kept: what follows is about the token it spent.
  expectStatus(await session.auth.refresh(session.issued[0].refresh_token), 200, `Refreshing ${user}'s session on the first device`);
});

When("{user} presents the refresh token {user}'s first device has spent", async function (this: ApexWorld, presenter: string, owner: string) {
  const spent = firstDeviceRefreshToken(this.session(owner));
  await this.session(presenter).attempt('refresh', this.session(presenter).auth.refresh(spent));
});

Then("{user}'s first device is signed out, and the second still works", async function (this: ApexWorld, user: string) {
  await expectOnlyFirstLoginEnded(this.session(user));
});

Given('refresh tokens last {int} second(s)', async function (this: ApexWorld, seconds: number) {
  const instance = await this.startInstance({ JWT_REFRESH_TTL_SECONDS: String(seconds) });
  if (!instance) return this.skip(`a deployment's refresh tokens last as long as it is configured to; this needs an instance with short ones.`);
  this.moveEveryoneTo(instance);
});

When("{user}'s refresh token has expired", async function (this: ApexWorld, user: string) {
  // The token's own expiry instant, plus a whole second for the server's rounding.
  const expiresAt = (claimsOf(this.session(user).tokens!.refresh_token).exp ?? 0) * 1000;
  await untilWindowPassed(expiresAt, 0);
});

Then("the platform's records show {user}'s session as ended, so it stays ended even if the shared store forgets", async function (this: ApexWorld, user: string) {
  const probe = this.databaseProbe();
  if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
  await expectSessionEndedOnRecord(probe, this.session(user));
});

When('the backend asks the auth service, with the right service secret, to vouch without saying for which token', async function (this: ApexWorld) {
  const secret = this.target.secrets.service;
  if (!secret) return this.skip('this needs the service secret; set APEX_SERVICE_SECRET for this target.');
  const service = this.session('Service');
  await service.attempt('validate', service.auth.validateNothing({ id: 'netra-backend', secret }));
});

Then('the API {apiAnswer}', function (this: ApexWorld, apiAnswer: Phrase<PhraseStep>) {
  return apiAnswer.meaning.call(this, ...apiAnswer.values);
});

Then('the auth {authOutcome}', function (this: ApexWorld, authOutcome: Phrase<PhraseStep>) {
  return authOutcome.meaning.call(this, ...authOutcome.values);
});
