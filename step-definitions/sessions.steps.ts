import type { Phrase, PhraseStep } from '../support/phrasebook';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { ApiClient } from '../support/clients/api-client';
import { AuthClient } from '../support/clients/auth-client';
import { expectApiRefuses, expectRevocationRecorded, expectSessionEndedOnRecord } from '../support/expectations/sessions';
import { SERVICE_CREDENTIALS } from '../support/refusals';
import { askToVouch } from '../support/tasks/vouching';

Then("the second instance refuses {user}'s token", async function (this: ApexWorld, user: string) {
  const instance = this.latestInstance;
  await expectApiRefuses(this.session(user), { api: new ApiClient(instance.apiUrl), auth: new AuthClient(instance.authUrl) });
});

Then("the revocation of {user}'s token is kept in Redis until the token would have expired", async function (this: ApexWorld, user: string) {
  const probe = this.cacheProbe();
  if (!probe) return this.skip('the suite has no Redis address for this target.');
  await expectRevocationRecorded(probe, this.session(user));
});

When("{caller} asks the auth service to vouch for {user}'s token {vouchCredentials}", function (this: ApexWorld, _caller: string, user: string, how: string) {
  return askToVouch(this, this.session(user), how);
});

When('a service asks for a service token with {serviceCredentials}', async function (this: ApexWorld, credentials: string) {
  const secret = this.target.secrets.service;
  if (!secret) return this.skip('this needs the service secret; set APEX_SERVICE_SECRET for this target.');
  const service = this.session('Service');
  await service.attempt('service token', service.auth.serviceToken(SERVICE_CREDENTIALS[credentials](secret)));
});

Given('refresh tokens last {int} second(s)', async function (this: ApexWorld, seconds: number) {
  const instance = await this.startInstance({ JWT_REFRESH_TTL_SECONDS: String(seconds) });
  if (!instance) return this.skip(`a deployment's refresh tokens last as long as it is configured to; this needs an instance with short ones.`);
  this.moveEveryoneTo(instance);
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
