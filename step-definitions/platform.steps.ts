import { randomBytes } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { ApiClient } from '../support/clients/api-client';
import { describeFrames } from '../support/clients/agent-socket';
import { redact } from '../support/redact';
import { startPlatformProcess } from '../support/environment';
import { deepStagePace } from '../support/domain';
import { startupSettings } from '../support/deployment';

const ONLY_REFERENCE = 'this starts reference platform instances, which a remote target does not have.';
/** A lease that a slow analysis outlasts several times over: the instance must keep renewing it for as long as the analysis runs. */
const SHORT_LEASE_SECONDS = '2';

Given('a second instance of the platform sharing the same stores', async function (this: ApexWorld) {
  if (!(await this.anotherInstance())) return this.skip('this needs a second instance of the deployment: give its direct addresses as APEX_SECOND_API_URL and APEX_SECOND_WS_URL.');
});

Given('{user} uses another instance of the platform, where each stage of a deep analysis takes {int} second(s)', async function (this: ApexWorld, user: string, seconds: number) {
  const instance = await this.startInstance({ AGENT_TIME_SCALE: deepStagePace(seconds), INSTANCE_LEASE_SECONDS: SHORT_LEASE_SECONDS });
  if (!instance) return this.skip(ONLY_REFERENCE);
  this.session(user).useInstance(instance);
  return undefined;
});

Given('a platform instance without a bypass key', async function (this: ApexWorld) {
  if (!(await this.startInstance({ E2E_OAUTH_SIMULATION_KEY: '' }))) return this.skip(ONLY_REFERENCE);
});

Given('a platform instance whose backend holds the wrong service secret', async function (this: ApexWorld) {
  if (!(await this.startInstance({ BACKEND_SERVICE_SECRET: `wrong-${randomBytes(16).toString('hex')}` }))) return this.skip(ONLY_REFERENCE);
});

Then('that instance will not let {user} in, because it cannot check her/his/their session', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const instance = this.latestInstance;
  const answer = await new ApiClient(instance.apiUrl).threads(session.accessToken);
  if (answer.status !== 503 || answer.body?.code !== 'AUTH_UNAVAILABLE') {
    throw new Error(`Expected the instance to refuse ${user} with 503 AUTH_UNAVAILABLE rather than trust an unchecked token; ${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
  }
  const socket = await session.openSocket('header', instance.wsUrl);
  const first = await socket.connectionAnswer();
  if (first.frame.type !== 'error_message' || first.frame.error_code !== 'AUTH_UNAVAILABLE') {
    throw new Error(`Expected the instance's chat to refuse ${user} with AUTH_UNAVAILABLE; received: ${describeFrames(socket.frames, socket.openedAt)}`);
  }
  await socket.waitForClose(5000);
});

When('the platform is started for {word} without {word}', async function (this: ApexWorld, environment: string, missing: string) {
  if (this.target.kind === 'remote') return this.skip('this starts the reference platform as its own process; it says nothing about a remote target.');
  const settings = startupSettings(environment);
  if (!(missing in settings)) throw new Error(`${missing} is not a setting this step knows; it knows ${Object.keys(settings).join(', ')}.`);
  delete settings[missing];
  this.remember('platformProcess', await startPlatformProcess(settings));
});

Then('it starts', function (this: ApexWorld) {
  const outcome = this.recall('platformProcess');
  if (!outcome.started) throw new Error(`Expected the platform to start; it exited ${outcome.exitCode} and printed: ${redact(outcome.output).slice(0, 500) || 'nothing'}`);
});

Then('it refuses to start, naming {word}', function (this: ApexWorld, setting: string) {
  const outcome = this.recall('platformProcess');
  const lines = outcome.output.split('\n').filter((line) => line.trim() && !line.startsWith('npm warn'));
  if (outcome.started || outcome.exitCode === 0 || lines.length !== 1 || !lines[0].includes(setting)) {
    throw new Error(`Expected the platform to exit non-zero with one sentence naming ${setting}; it ${outcome.started ? 'started' : `exited ${outcome.exitCode}`} and printed: ${redact(outcome.output).slice(0, 500) || 'nothing'}`);
  }
  this.evidence(`The platform refused to start: ${lines[0]}`);
});
