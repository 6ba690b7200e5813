import type { Actor } from '../actor';
import { expectOneAccount } from './accounts';
import { holdLasts, listsAtOnce, ownPool } from '../pool-exhaustion';
import { expectServedInTurn, expectServedOneAfterAnother } from './pool-exhaustion';
import { runsOf } from '../tasks/crowd';
import { expectOverlap } from './realtime';
import { expectEveryRunCompletes } from './multi-user';
import { expectAllRunsCompleted } from './performance';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "every one of …": what holds for every one of several requests or people. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const EVERY_ONE_OUTCOME: Record<string, PhraseStep> = {
  'them lets {actor} into the same account': function (this: ApexWorld, user: Actor) {
    expectOneAccount(user);
  },
  "{actor}'s requests is served once a connection comes free, each later than {actor}'s": function (this: ApexWorld, user: Actor, control: Actor) {
    this.evidence(expectServedInTurn(user, listsAtOnce(this), control));
  },
  "{actor}'s requests is served on the one connection left, one after another": function (this: ApexWorld, user: Actor) {
    this.evidence(expectServedOneAfterAnother(user, listsAtOnce(this), ownPool(this).queueTimeoutMs, holdLasts(this)));
  },
  "the customers' runs completes": async function (this: ApexWorld) {
    const runs = runsOf(this, this.recall('crowd'));
    await expectEveryRunCompletes(this, runs);
    expectOverlap(runs);
  },
  "the customers' runs completed": function (this: ApexWorld) {
    expectAllRunsCompleted(this.recall('loadFigures'));
  },
};
