import type { Actor } from '../actor';
import { startAgent, chatSocket } from './chat';
import { SERVICE_CREDENTIALS } from '../refusals';
import { untilWindowPassed } from '../expectations/accounts';
import { startExtraInstance } from '../environment';
import { Workload, costQuestion } from '../domain';
import { readDiscovery } from '../deployment';
import { FAULT_SWITCHINGS, faultSwitchOfLatestInstance } from './fault-switching';
import { holdConnectionsOf, holdEveryConnection, heldConnectionsFreed } from '../pool-exhaustion';
import { holdRunOnceUnderWay } from '../resource-bounds';
import { FaultClient } from '../clients/fault-client';
import { untilBreakerHalfOpen } from '../expectations/resilience';
import { repairForThisScenario } from '../scoped-faults';
import { DEADLINES } from '../deadlines';
import { publishPoison } from '../hostile-input';
import { PrivateRedis } from '../fakes/private-redis';
import { endOwnProcess } from '../crashes';
import { askToVouch } from './vouching';
import type { ApexWorld } from '../world';
import type { RowHold } from '../probes/database-admin';
import type { PhraseStep } from '../phrasebook';

/** "When …": something that happens, with no one person at its centre. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const HAPPENING: Record<string, PhraseStep> = {
  /** The fault switch of the instance this scenario started, held with the service secret. */
  'the service {faultSwitching} at that instance': async function (this: ApexWorld, how: string) {
    await FAULT_SWITCHINGS[how](faultSwitchOfLatestInstance(this));
  },
  'the lockout window has passed': async function (this: ApexWorld) {
    await untilWindowPassed(this.recall<number>('first failed sign-in'), this.recall<number>('lockout window'));
  },
  'the front end asks the platform where its services are': async function (this: ApexWorld) {
    this.remember('discovery', await readDiscovery(this.target.apiUrl));
  },
  'the front end asks that instance where its services are': async function (this: ApexWorld) {
    this.remember('discovery', await readDiscovery(this.latestInstance.apiUrl));
  },
  "every database connection {actor}'s work could use is busy for {duration}": async function (this: ApexWorld, user: Actor, ms: number) {
    await holdConnectionsOf(this, user, ms);
  },
  "all but one of the database connections {actor}'s work could use are busy for {duration}": async function (this: ApexWorld, user: Actor, ms: number) {
    await holdConnectionsOf(this, user, ms, 1);
  },
  "other work holds every one of the platform's database connections for {duration}": async function (this: ApexWorld, ms: number) {
    await holdEveryConnection(this, ms);
  },
  "other work holds {actor}'s analysis in the database once it is under way": async function (this: ApexWorld, user: Actor) {
    const hold = await holdRunOnceUnderWay(user, this.target.databaseUrl!, this.target.runDeadlineMs);
    this.keepStandIn({ stop: () => hold.release() });
    this.remember('held run', hold);
  },
  'the held connections come free': async function (this: ApexWorld) {
    await heldConnectionsFreed(this);
  },
  'the customers each ask the {agent} about {workload} at the same moment': async function (this: ApexWorld, agent: string, workload: Workload) {
    await Promise.all(this.recall('crowd').map((n) => startAgent(this.session(n), agent, { user_request: costQuestion(workload), context: { workload } })));
  },
  'two instances of the platform start on it at the same moment': async function (this: ApexWorld) {
    const overrides = { DATABASE_URL: this.recall('scratchDatabaseUrl') };
    const started = await Promise.all([startExtraInstance(overrides), startExtraInstance(overrides)]);
    // Stopped before the database is dropped: clean-up undoes the latest first.
    started.forEach((instance) => instance && this.keepInstance(instance));
  },
  'the message window has passed': async function (this: ApexWorld) {
    await untilWindowPassed(this.recall<number>('first message'), this.recall<number>('message window'));
  },
  "that work then needs {actor}'s conversation, which {pronoun} analysis holds while it waits": async function (this: ApexWorld, user: Actor, _pronoun: string) {
    const run = user.lastRun();
    await this.recall<RowHold>('held run').waitOnConversationOfWhoeverWaits(run.threadId!, this.target.runDeadlineMs);
  },
  'the other work lets go of it': async function (this: ApexWorld) {
    await this.recall<RowHold>('held run').release();
  },
  'the {word} {word} is repaired': async function (this: ApexWorld, first: string, second: string) {
    await repairForThisScenario(this, `${first}_${second}`);
  },
  "the {word} {word}'s breaker has cooled down": async function (this: ApexWorld, first: string, second: string) {
    await untilBreakerHalfOpen(this.target.apiUrl, `${first}_${second}`, this.target.timing.breakerCooldownMs + DEADLINES.settle);
  },
  '{actor}, holding the service secret, tries every test-only page of that instance': async function (this: ApexWorld, user: Actor) {
    user;
    this.remember('test-only pages', await FaultClient.tryTestOnlyPages(this.latestInstance.apiUrl, this.target.secrets.service ?? ''));
  },
  "the platform's process is {processEnding} once {actor}'s analysis is under way": async function (this: ApexWorld, ending: string, user: Actor) {
    await endOwnProcess(this, ending, user.lastRun());
  },
  "a neighbour publishes {poison}, while {actor}'s chat is open": async function (this: ApexWorld, poison: string, user: Actor) {
    await chatSocket(user);
    await publishPoison(this.recall<PrivateRedis>('private redis'), user, poison);
  },
  "{caller} asks the auth service to vouch for {actor}'s token {vouchCredentials}": function (this: ApexWorld, _caller: string, user: Actor, how: string) {
    return askToVouch(this, user, how);
  },
  'a service asks for a service token with {serviceCredentials}': async function (this: ApexWorld, credentials: string) {
    const secret = this.target.secrets.service;
    if (!secret) return this.skip('this needs the service secret; set APEX_SERVICE_SECRET for this target.');
    const service = this.session('Service');
    await service.attempt('service token', service.auth.serviceToken(SERVICE_CREDENTIALS[credentials](secret)));
  },
  'the backend asks the auth service, with the right service secret, to vouch without saying for which token': async function (this: ApexWorld) {
    const secret = this.target.secrets.service;
    if (!secret) return this.skip('this needs the service secret; set APEX_SERVICE_SECRET for this target.');
    const service = this.session('Service');
    await service.attempt('validate', service.auth.validateNothing({ id: 'netra-backend', secret }));
  },
};
