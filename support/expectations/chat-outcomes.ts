import { expectLastConnectionRefused, expectClosedForPolicy } from './sessions';
import { stalledChatOf } from '../resource-bounds';
import { expectDroppedAsTooFarBehind } from './resource-bounds';
import { expectConnectionClosedWithReference } from './internal-errors';
import { expectDroppedAfterUnanswered, expectClosedAsTooBig } from './realtime';
import { DEADLINES } from '../deadlines';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user}'s chat …": what happens to a person's chat connection. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const CHAT_OUTCOME: Record<string, PhraseStep> = {
  'connection is refused because {socketRefusal}': async function (this: ApexWorld, user: string, reason: string) {
    await expectLastConnectionRefused(this.session(user), reason);
  },
  "is closed because of an internal error, with a reason giving a reference the platform's log also holds": async function (this: ApexWorld, user: string) {
    await expectConnectionClosedWithReference(this, this.session(user));
  },
  'is closed because the message was too big': async function (this: ApexWorld, user: string) {
    await expectClosedAsTooBig(this.session(user).sockets.at(-1)!);
  },
  'is dropped once {int} heartbeats in a row went unanswered': async function (this: ApexWorld, user: string, beats: number) {
    await expectDroppedAfterUnanswered(this.session(user).sockets.at(-1)!, beats, this.recall('heartbeatMs'));
  },
  'connection on the first instance is closed within {int} seconds': async function (this: ApexWorld, user: string, seconds: number) {
    const session = this.session(user);
    const first = session.sockets.find((s) => !s.url.startsWith(this.latestInstance.wsUrl))!;
    await expectClosedForPolicy(first, seconds * 1000, user);
  },
  'that stopped reading is closed as falling too far behind, before half of what it asked for reached it': async function (this: ApexWorld, user: string) {
    this.evidence(await expectDroppedAsTooFarBehind(stalledChatOf(this.session(user)), user, this.recall<number>('conversations asked for'), DEADLINES.settle));
  },
};
