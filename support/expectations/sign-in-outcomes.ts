import { expectFreshSession } from './accounts';
import { expectLeadsThroughPublishedAddress, expectSameDestinations } from '../oauth';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user}'s sign-in …": where a person's sign-in leads. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const SIGN_IN_OUTCOME: Record<string, PhraseStep> = {
  'gives {pronoun} a new session, not the one from sign-up': function (this: ApexWorld, user: string, _pronoun: string) {
    expectFreshSession(this.session(user));
  },
  'leads to the provider and back only through that published address': function (this: ApexWorld, user: string) {
    expectLeadsThroughPublishedAddress(this.session(user).lastAnswer);
  },
  "leads only to the platform's own addresses": function (this: ApexWorld, user: string) {
    expectSameDestinations(this.session(user).lastAnswer!, this.recall('honest start'));
  },
};
