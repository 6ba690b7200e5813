import { HAPPENING_WITH_TABLE, SITUATION_WITH_TABLE } from './tasks/with-tables';
import { OUTCOME_WITH_TABLE } from './expectations/with-tables';
import { SITUATION } from './tasks/situations';
import { PLATFORM_INSTANCE } from './tasks/platform-instances';
import { INSTANCE_SETTING } from './tasks/instance-settings';
import { PLATFORM_SETTING } from './tasks/platform-settings';
import { CROWD_CONTEXT } from './tasks/crowd-contexts';
import { PERSON_CONTEXT } from './tasks/person-contexts';
import { OWN_CONTEXT } from './tasks/own-contexts';
import { OUTCOME } from './expectations/outcomes';
import { EACH_OUTCOME } from './expectations/each-outcomes';
import { EVERY_ONE_OUTCOME } from './expectations/every-one-outcomes';
import { API_ANSWER } from './expectations/api-answers';
import { AUTH_OUTCOME } from './expectations/auth-outcomes';
import { CHAT_ANSWER } from './expectations/chat-answers';
import { PLATFORM_OUTCOME } from './expectations/platform-outcomes';
import { PERSON_OUTCOME } from './expectations/person-outcomes';
import { OWN_OUTCOME } from './expectations/own-outcomes';
import { HAPPENING } from './tasks/happenings';
import { DEPENDENCY_EVENT } from './tasks/dependency-events';
import { PLATFORM_EVENT } from './tasks/platform-events';
import { CROWD_ACTION } from './tasks/crowd-actions';
import { PERSON_ACTION } from './tasks/person-actions';
import { OWN_EVENT } from './tasks/own-events';
import { LOG_FIGURES, OFFERED, SAID_IN_WORDS, TOLD } from './expectations/told';
import { REQUESTS } from './tasks/asking';

import type { Actor } from './actor';
import type { ApexWorld } from './world';

/** A book written as (world, actor, …values), as one for a sentence that starts with the person: (actor, [skipped words], …values) with the World as `this`. */
function byActor(book: Record<string, (world: ApexWorld, actor: Actor, ...values: any[]) => unknown>, skip = 0): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(book).map(([words, act]) => [words, function (this: ApexWorld, actor: Actor, ...rest: unknown[]) { return act(this, actor, ...rest.slice(skip)); }]),
  );
}

/**
 * The phrasebooks (see support/phrasebook.ts): parameter types whose words are phrases with values
 * of their own. support/parameter-types.ts defines them; the guide's step catalogue lists their phrases.
 */
export const PHRASEBOOKS: Record<string, { about: string; phrases: Record<string, unknown> }> = {
  request: { about: 'what a person asks for (support/tasks/asking.ts)', phrases: byActor(REQUESTS, 1) },
  toldThat: { about: 'what a person is told, by the answer, the API or the chat (support/expectations/told.ts)', phrases: byActor(TOLD) },
  offer: { about: "what the agents' answer offers (support/expectations/told.ts)", phrases: byActor(OFFERED) },
  logFigure: { about: 'a figure the data analyst read off a usage log (support/expectations/told.ts)', phrases: byActor(LOG_FIGURES) },
  saidInWords: { about: "what the answer's summary states in words (support/expectations/told.ts)", phrases: byActor(SAID_IN_WORDS) },
  situation: { about: 'a situation the scenario sets up, with no one person at its centre (support/tasks/situations.ts)', phrases: SITUATION },
  platformInstance: { about: 'a platform instance configured for the scenario (support/tasks/platform-instances.ts)', phrases: PLATFORM_INSTANCE },
  instanceSetting: { about: "a platform instance of the scenario's own (support/tasks/instance-settings.ts)", phrases: INSTANCE_SETTING },
  platformSetting: { about: 'how the platform is set up (support/tasks/platform-settings.ts)', phrases: PLATFORM_SETTING },
  crowdContext: { about: "several people at once, before the scenario's point (support/tasks/crowd-contexts.ts)", phrases: CROWD_CONTEXT },
  personContext: { about: "what a person has, or how they are signed in, before the scenario's point (support/tasks/person-contexts.ts)", phrases: PERSON_CONTEXT },
  ownContext: { about: "a person's usage log, or what will go wrong for them, before the scenario's point (support/tasks/own-contexts.ts)", phrases: OWN_CONTEXT },
  outcome: { about: 'what holds at the end, with no one person at its centre (support/expectations/outcomes.ts)', phrases: OUTCOME },
  eachOutcome: { about: 'what holds for each of several things (support/expectations/each-outcomes.ts)', phrases: EACH_OUTCOME },
  everyOneOutcome: { about: 'what holds for every one of several requests or people (support/expectations/every-one-outcomes.ts)', phrases: EVERY_ONE_OUTCOME },
  apiAnswer: { about: 'what the REST API answers (support/expectations/api-answers.ts)', phrases: API_ANSWER },
  authOutcome: { about: 'what the auth service does (support/expectations/auth-outcomes.ts)', phrases: AUTH_OUTCOME },
  chatAnswer: { about: 'what the chat answers (support/expectations/chat-answers.ts)', phrases: CHAT_ANSWER },
  platformOutcome: { about: 'what the platform does or keeps, seen from outside (support/expectations/platform-outcomes.ts)', phrases: PLATFORM_OUTCOME },
  personOutcome: { about: 'what a person is shown, answered, refused or able to do (support/expectations/person-outcomes.ts)', phrases: PERSON_OUTCOME },
  ownOutcome: { about: "what becomes of a person's analysis, answer, chat, conversations, requests and sessions (support/expectations/own-outcomes.ts)", phrases: OWN_OUTCOME },
  happening: { about: 'something that happens, with no one person at its centre (support/tasks/happenings.ts)', phrases: HAPPENING },
  dependencyEvent: { about: "something that happens to one of the platform's dependencies (support/tasks/dependency-events.ts)", phrases: DEPENDENCY_EVENT },
  platformEvent: { about: 'something that happens to the platform (support/tasks/platform-events.ts)', phrases: PLATFORM_EVENT },
  crowdAction: { about: 'what several people do at the same moment (support/tasks/crowd-actions.ts)', phrases: CROWD_ACTION },
  personAction: { about: 'what a person does (support/tasks/person-actions.ts)', phrases: PERSON_ACTION },
  ownEvent: { about: "something that happens to a person's connection, browser, session or return from sign-in (support/tasks/own-events.ts)", phrases: OWN_EVENT },
  situationWithTable: { about: 'a situation given with a table (support/tasks/with-tables.ts)', phrases: SITUATION_WITH_TABLE },
  happeningWithTable: { about: 'something that happens, given with a table (support/tasks/with-tables.ts)', phrases: HAPPENING_WITH_TABLE },
  outcomeWithTable: { about: 'what holds for each row of a table (support/expectations/with-tables.ts)', phrases: OUTCOME_WITH_TABLE },
};
