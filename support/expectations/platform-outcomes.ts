import type { Actor } from '../actor';
import { expectSessionConfirmed } from './accounts';
import { DEPENDENCIES } from '../domain';
import { expectReadyWithin, expectStillStarting } from './start-up';
import { expectModelReported } from './wording';
import { expectBackendHealthy, expectHealth } from './realtime';
import { expectSessionRefusedUnchecked, expectNewConnectionRefusedUnchecked, untilHealthyAgain, expectBreakerReported } from './resilience';
import { expectAnswered, expectStillServing } from './hostile-input';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the platform …": what the platform does or keeps, seen from outside. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const PLATFORM_OUTCOME: Record<string, PhraseStep> = {
  "confirms that {actor}'s session is {pronoun}": async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectSessionConfirmed(user, this.target.secrets.service);
  },
  'reports that it is still starting': async function (this: ApexWorld) {
    await expectStillStarting(this.activeInstance!);
  },
  'reports itself ready within {int} seconds': async function (this: ApexWorld, seconds: number) {
    this.evidence(`Ready ${await expectReadyWithin(this.activeInstance!, seconds * 1000)} ms after the step began.`);
  },
  'reports the language model it words answers with': async function (this: ApexWorld) {
    await expectModelReported(this.latestInstance.apiUrl);
  },
  'still reports itself healthy': async function (this: ApexWorld) {
    await expectBackendHealthy(this.target.apiUrl);
  },
  "refuses {actor}'s session rather than trust it unchecked": async function (this: ApexWorld, user: Actor) {
    await expectSessionRefusedUnchecked(user, this.target.secrets.service);
  },
  'reports itself {word}, with its {dependency} down': async function (this: ApexWorld, status: string, dependency: string) {
    await expectHealth(this.activeInstance!, { status, down: DEPENDENCIES[dependency] });
  },
  'reports itself healthy again within {int} seconds': async function (this: ApexWorld, seconds: number) {
    await untilHealthyAgain(this.activeInstance!, seconds * 1000);
  },
  "refuses {actor}'s new chat connection, saying it cannot check {pronoun} session": async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectNewConnectionRefusedUnchecked(user);
  },
  "reports the {word} {word}'s breaker as {word}": async function (this: ApexWorld, first: string, second: string, state: string) {
    await expectBreakerReported(this.target.apiUrl, `${first}_${second}`, state);
  },
  "is still serving: it reports itself healthy, and {actor}'s question is answered": async function (this: ApexWorld, user: Actor) {
    await expectHealth(this.activeInstance!, { status: 'healthy' });
    await expectAnswered(user, this.target.runDeadlineMs);
  },
  "refuses {actor}'s requests as unable to check {pronoun} session, and is still running": async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectStillServing(user, this.activeInstance!);
  },
};
