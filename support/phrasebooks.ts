import { LOG_FIGURES, OFFERED, SAID_IN_WORDS, TOLD } from './expectations/told';
import { REQUESTS } from './tasks/asking';

/**
 * The phrasebooks (see support/phrasebook.ts): parameter types whose words are phrases with values
 * of their own. support/parameter-types.ts defines them; the guide's step catalogue lists their phrases.
 */
export const PHRASEBOOKS: Record<string, { about: string; phrases: Record<string, unknown> }> = {
  request: { about: 'what a person asks for (support/tasks/asking.ts)', phrases: REQUESTS },
  toldThat: { about: 'what a person is told, by the answer, the API or the chat (support/expectations/told.ts)', phrases: TOLD },
  offer: { about: "what the agents' answer offers (support/expectations/told.ts)", phrases: OFFERED },
  logFigure: { about: 'a figure the data analyst read off a usage log (support/expectations/told.ts)', phrases: LOG_FIGURES },
  saidInWords: { about: "what the answer's summary states in words (support/expectations/told.ts)", phrases: SAID_IN_WORDS },
};
