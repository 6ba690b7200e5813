import { expectReplayedFromStart, expectPong } from './realtime';
import { expectChatRefusesAccess, expectChatShowsOwnConversation } from './access';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the chat …": what the chat answers. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const CHAT_ANSWER: Record<string, PhraseStep> = {
  'refuses {user} as having no access': async function (this: ApexWorld, user: string) {
    await expectChatRefusesAccess(this.session(user));
  },
  'shows {user} {pronoun} conversation with its messages': async function (this: ApexWorld, user: string, _pronoun: string) {
    await expectChatShowsOwnConversation(this.session(user));
  },
  'answers {user} with a pong': async function (this: ApexWorld, user: string) {
    await expectPong(this.session(user).sockets.at(-1)!);
  },
  "replays every event of {user}'s analysis, in order, and nothing else": async function (this: ApexWorld, user: string) {
    await expectReplayedFromStart(this.session(user).sockets.at(-1)!, this.recall('events first sent'));
  },
};
