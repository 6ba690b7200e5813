import { instanceWithBreakableLink } from '../breakable-links';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "a second …": a second platform instance on the same stores. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const SECOND_INSTANCE: Record<string, PhraseStep> = {
  'instance of the platform sharing the same stores': async function (this: ApexWorld) {
    if (!(await this.anotherInstance())) return this.skip('this needs a second instance of the deployment: give its direct addresses as APEX_SECOND_API_URL and APEX_SECOND_WS_URL.');
  },
  'instance of the platform sharing the same stores, whose link to its {dependency} can fail': async function (this: ApexWorld, dependency: string) {
    return instanceWithBreakableLink(this, dependency, {}, { moveEveryone: false });
  },
};
