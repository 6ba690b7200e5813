import type { Actor } from '../actor';
import { runsOf } from '../tasks/crowd';
import { expectIsolation, expectRunsInTurn, expectEverySocketSawRunToItsEnd } from './realtime';
import { expectEveryRunCompletes, expectOwnRunsUnmixed } from './multi-user';
import { expectEachAnsweredWithin } from './resilience';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "each of …": what holds for each of several things. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const EACH_OUTCOME: Record<string, PhraseStep> = {
  '{users} received only their own runs, and nothing of anyone else': async function (this: ApexWorld, names: string[]) {
    await expectEveryRunCompletes(this, runsOf(this, names));
    for (const name of names) expectOwnRunsUnmixed(this.session(name));
    expectIsolation(names.map((n) => this.session(n)));
  },
  "{actor}'s runs completed before the next began, numbering its events from 1 without a gap": function (this: ApexWorld, user: Actor) {
    expectRunsInTurn(user.runs);
  },
  "{actor}'s chat connections receives every event of that run exactly once": async function (this: ApexWorld, user: Actor) {
    const { runId, events } = this.recall('fanOut');
    await expectEverySocketSawRunToItsEnd(user, runId, events, this.target.runDeadlineMs);
  },
  '{users} had an answer within {int} seconds of asking': function (this: ApexWorld, names: string[], seconds: number) {
    expectEachAnsweredWithin(names.map((name) => this.session(name)), seconds);
  },
};
