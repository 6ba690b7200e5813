import { connect } from '../support/tasks/chat';
import { ensureSignedIn } from '../support/tasks/sign-in';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { startPlatformProcess } from '../support/environment';
import { Discovery, ORIGINS, PUBLISHED_ADDRESSES, callFromPage, onThisMachine, readDiscovery, readHealth, readPublicConfig, startupSettings } from '../support/deployment';
import { expectAllowed, expectAuthAccepts, expectAuthRefusesId, expectHealthOf, expectPointedAt, expectPublicConfig, expectRefused } from '../support/expectations/deployment';

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

Then("that instance's health says the auth service accepts its service id", async function (this: ApexWorld) {
  expectAuthAccepts(await readHealth(this.latestInstance.apiUrl), "that instance's");
});

Then("that instance's health is unhealthy, naming {string} as the service id the auth service refuses", async function (this: ApexWorld, id: string) {
  expectAuthRefusesId(await readHealth(this.latestInstance.apiUrl), id, "that instance's");
});

// INC-02 Front-end discovery

When('the front end asks the platform where its services are', async function (this: ApexWorld) {
  this.remember('discovery', await readDiscovery(this.target.apiUrl));
});

When('the front end asks that instance where its services are', async function (this: ApexWorld) {
  this.remember('discovery', await readDiscovery(this.latestInstance.apiUrl));
});

Then('it is pointed at the API, the chat and the sign-in service where this specification reaches them', function (this: ApexWorld) {
  const { apiUrl, wsUrl, authUrl } = this.target;
  expectPointedAt(this.recall<Discovery>('discovery'), { api: apiUrl, chat: wsUrl, auth: authUrl }, 'where this specification reaches the services');
});

Then('each service it is pointed at answers as that service, and the chat there welcomes {user}', async function (this: ApexWorld, user: string) {
  const { services } = this.recall<Discovery>('discovery');
  expectHealthOf(await readHealth(services.backend.api_url), 'netra-backend', services.backend.api_url);
  expectHealthOf(await readHealth(services.auth.url), 'auth-service', services.auth.url);
  const session = this.session(user);
  await ensureSignedIn(session);
  await connect(session, 'header', services.backend.ws_url);
});

Then('it is pointed at the addresses that instance is published at', function (this: ApexWorld) {
  const { PUBLIC_API_URL, PUBLIC_WS_URL, PUBLIC_AUTH_URL, FRONTEND_URL } = PUBLISHED_ADDRESSES;
  expectPointedAt(this.recall<Discovery>('discovery'), { api: PUBLIC_API_URL, chat: PUBLIC_WS_URL, auth: PUBLIC_AUTH_URL, frontEnd: FRONTEND_URL }, 'the instance is published at');
});

When('the platform is started for {word} with {word} pointing at {word}', async function (this: ApexWorld, environment: string, setting: string, host: string) {
  if (this.target.kind === 'remote') return this.skip(ONLY_OWN_PROCESS);
  this.remember('platformProcess', await startPlatformProcess({ ...startupSettings(environment), [setting]: onThisMachine(setting, host) }));
});

Then("the front end is told the platform's name and features, and the environment and version its health reports", async function (this: ApexWorld) {
  expectPublicConfig(await readPublicConfig(this.target.apiUrl), await readHealth(this.target.apiUrl));
});

// INC-03 Cross-origin requests

When("{user}'s browser calls the sign-in service and the API from {origin}", async function (this: ApexWorld, user: string, origin: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  const front = new URL((await readDiscovery(this.target.apiUrl)).services.frontend.url);
  this.remember('cross-origin calls', await callFromPage(this.target, ORIGINS[origin](front), session.accessToken));
});

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
