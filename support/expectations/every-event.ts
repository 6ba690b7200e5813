import { answeredRun } from './agents';
import { expectEventFields } from './realtime';
import { expectRequestIdOnEveryEvent } from './hostile-input';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "every event …": what every event of a person's run carries. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const EVERY_EVENT: Record<string, PhraseStep> = {
  "of {user}'s run carries its fields and timestamps": async function (this: ApexWorld, user: string) {
    const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
    expectEventFields(run);
  },
  "of {user}'s answer carries that id": async function (this: ApexWorld, user: string) {
    await expectRequestIdOnEveryEvent(this.session(user).lastRun(), this.target.runDeadlineMs);
  },
};
