import type { Phrase, PhraseStep } from '../support/phrasebook';
import { connect } from '../support/tasks/chat';
import { ensureSignedIn } from '../support/tasks/sign-in';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { startPlatformProcess } from '../support/environment';
import { Discovery, onThisMachine, readHealth, readPublicConfig, startupSettings } from '../support/deployment';
import { expectAllowed, expectAuthAccepts, expectHealthOf, expectPublicConfig, expectRefused } from '../support/expectations/deployment';

const ONLY_REFERENCE = 'this starts a reference platform instance configured apart from the auth service; a remote target is configured as it is.';
const ONLY_OWN_PROCESS = 'this starts the reference platform as its own process; it says nothing about a remote target.';

// INC-01 Service identity

Given('a platform instance whose backend presents the service id {string} to the auth service', async function (this: ApexWorld, id: string) {
  // Its backend asks the worker's auth service, configured apart with the id it trusts, as two deployed services are.
  if (!(await this.startInstance({ SERVICE_ID: id, AUTH_SERVICE_URL: this.target.authUrl }))) return this.skip(ONLY_REFERENCE);
});

Then("the backend's health says the auth service accepts its service id", async function (this: ApexWorld) {
  expectAuthAccepts(await readHealth(this.target.apiUrl), "the backend's");
});

// INC-02 Front-end discovery

Then('each service it is pointed at answers as that service, and the chat there welcomes {user}', async function (this: ApexWorld, user: string) {
  const { services } = this.recall<Discovery>('discovery');
  expectHealthOf(await readHealth(services.backend.api_url), 'netra-backend', services.backend.api_url);
  expectHealthOf(await readHealth(services.auth.url), 'auth-service', services.auth.url);
  const session = this.session(user);
  await ensureSignedIn(session);
  await connect(session, 'header', services.backend.ws_url);
});

When('the platform is started for {word} with {word} pointing at {word}', async function (this: ApexWorld, environment: string, setting: string, host: string) {
  if (this.target.kind === 'remote') return this.skip(ONLY_OWN_PROCESS);
  this.remember('platformProcess', await startPlatformProcess({ ...startupSettings(environment), [setting]: onThisMachine(setting, host) }));
});

Then("the front end is told the platform's name and features, and the environment and version its health reports", async function (this: ApexWorld) {
  expectPublicConfig(await readPublicConfig(this.target.apiUrl), await readHealth(this.target.apiUrl));
});

// INC-03 Cross-origin requests

Then("both let the page read their answers, with {user}'s credentials", function (this: ApexWorld, _user: string) {
  expectAllowed(this.recall('cross-origin calls'));
});

Then('neither lets the page read their answers', function (this: ApexWorld) {
  expectRefused(this.recall('cross-origin calls'));
});

When('the platform is started for {word} allowing every origin', async function (this: ApexWorld, environment: string) {
  if (this.target.kind === 'remote') return this.skip(ONLY_OWN_PROCESS);
  this.remember('platformProcess', await startPlatformProcess({ ...startupSettings(environment), CORS_ALLOWED_ORIGINS: '*' }));
});

Then('it is {configuredFor}', function (this: ApexWorld, configuredFor: Phrase<PhraseStep>) {
  return configuredFor.meaning.call(this, ...configuredFor.values);
});

Then("that instance's {instanceHealth}", function (this: ApexWorld, instanceHealth: Phrase<PhraseStep>) {
  return instanceHealth.meaning.call(this, ...instanceHealth.values);
});

When('the front {frontEndAsks}', function (this: ApexWorld, frontEndAsks: Phrase<PhraseStep>) {
  return frontEndAsks.meaning.call(this, ...frontEndAsks.values);
});
