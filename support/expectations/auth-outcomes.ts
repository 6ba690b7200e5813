import type { Actor } from '../actor';
import { expectVouchedFor, expectNoServiceToken, expectNotVouched, expectServiceToken } from './sessions';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the auth service …": what the auth service does. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const AUTH_OUTCOME: Record<string, PhraseStep> = {
  "vouches for {actor}'s token": function (this: ApexWorld, user: Actor) {
    expectVouchedFor(user);
  },
  "does not vouch for {actor}'s token, because {serviceProblem}": function (this: ApexWorld, user: Actor, problem: string) {
    expectNotVouched(user, problem);
  },
  'issues a service token that lasts as long as it says': function (this: ApexWorld) {
    expectServiceToken(this.session('Service').lastAnswer);
  },
  'refuses to issue a service token': function (this: ApexWorld) {
    expectNoServiceToken(this.session('Service').lastAnswer);
  },
  'does not vouch, and says nothing about any account': function (this: ApexWorld) {
    expectNotVouched(this.session('Service'), 'it does not vouch for that token');
  },
};
