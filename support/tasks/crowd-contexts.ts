import { readyToChat } from './crowd';
import { connect } from './chat';
import { ensureSignedIn } from './sign-in';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{users} …": several people at once, before the scenario's point. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const CROWD_CONTEXT: Record<string, PhraseStep> = {
  'are signed in, each with a chat open': async function (this: ApexWorld, names: string[]) {
    await readyToChat(names.map((n) => this.session(n)));
  },
  'each have {int} chat connections open': async function (this: ApexWorld, names: string[], count: number) {
    await Promise.all(names.map(async (name) => {
      const session = this.session(name);
      await ensureSignedIn(session);
      for (let i = 0; i < count; i++) await connect(session);
    }));
  },
};
