import type { Actor } from '../actor';
import { ONLY_OWN_PROCESS } from '../skip-reasons';
import { startPlatformProcess } from '../environment';
import { onThisMachine, startupSettings, startupSettingsWithout } from '../deployment';
import { expectClosedAsGoingAway } from '../expectations/realtime';
import { shutDownOwnInstance, startOwnPlatformAgain } from '../crashes';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the platform …": something that happens to the platform. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const PLATFORM_EVENT: Record<string, PhraseStep> = {
  'is started for {word} with {word} pointing at {word}': async function (this: ApexWorld, environment: string, setting: string, host: string) {
    if (this.target.kind === 'remote') return this.skip(ONLY_OWN_PROCESS);
    this.remember('platformProcess', await startPlatformProcess({ ...startupSettings(environment), [setting]: onThisMachine(setting, host) }));
  },
  'is started for {word} allowing every origin': async function (this: ApexWorld, environment: string) {
    if (this.target.kind === 'remote') return this.skip(ONLY_OWN_PROCESS);
    this.remember('platformProcess', await startPlatformProcess({ ...startupSettings(environment), CORS_ALLOWED_ORIGINS: '*' }));
  },
  'is started for {word} with a {word} of {int} characters': async function (this: ApexWorld, environment: string, setting: string, length: number) {
    if (this.target.kind === 'remote') return this.skip('this starts the reference platform as its own process; it says nothing about a remote target.');
    this.remember('platformProcess', await startPlatformProcess({ ...startupSettings(environment), [setting]: 'x'.repeat(length) }));
  },
  'is started for {word} without {word}': async function (this: ApexWorld, environment: string, missing: string) {
    if (this.target.kind === 'remote') return this.skip('this starts the reference platform as its own process; it says nothing about a remote target.');
    this.remember('platformProcess', await startPlatformProcess(startupSettingsWithout(environment, missing)));
  },
  "drops {actor}'s connection once the analysis is under way": async function (this: ApexWorld, user: Actor) {
    const run = user.lastRun();
    await run.underWay(this.target.runDeadlineMs);
    const faults = this.faults();
    if (!faults) return this.skip('dropping a connection from the server side needs the service secret (APEX_SERVICE_SECRET).');
    await faults.inject({ fault: 'disconnect_sockets', target: user.userId, scope: user.userId });
    await expectClosedAsGoingAway(run.socket, user.name);
  },
  "is shut down once {actor}'s analysis is under way": async function (this: ApexWorld, user: Actor) {
    await shutDownOwnInstance(this, user.lastRun());
  },
  'is started again': async function (this: ApexWorld) {
    await startOwnPlatformAgain(this);
  },
};
