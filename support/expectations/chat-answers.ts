import type { Actor } from '../actor';
import { expectReplayedFromStart, expectPong } from './realtime';
import { expectChatRefusesAccess, expectChatShowsOwnConversation } from './access';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the chat …": what the chat answers. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const CHAT_ANSWER: Record<string, PhraseStep> = {
  'refuses {actor} as having no access': async function (this: ApexWorld, user: Actor) {
    await expectChatRefusesAccess(user);
  },
  'shows {actor} {pronoun} conversation with its messages': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectChatShowsOwnConversation(user);
  },
  'answers {actor} with a pong': async function (this: ApexWorld, user: Actor) {
    await expectPong(user.sockets.at(-1)!);
  },
  "replays every event of {actor}'s analysis, in order, and nothing else": async function (this: ApexWorld, user: Actor) {
    await expectReplayedFromStart(user.sockets.at(-1)!, this.recall('events first sent'));
  },
};
