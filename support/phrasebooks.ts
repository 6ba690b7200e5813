import { PLATFORM_INSTANCE } from './tasks/platform-instances';
import { SECOND_INSTANCE } from './tasks/second-instances';
import { INSTANCE_SETTING } from './tasks/instance-settings';
import { PLATFORM_SETTING } from './tasks/platform-settings';
import { TOOL_SETTING } from './tasks/tool-settings';
import { PERSON_CONTEXT } from './tasks/person-contexts';
import { OWN_CONTEXT } from './tasks/own-contexts';
import { EACH_OUTCOME } from './expectations/each-outcomes';
import { EVERY_EVENT } from './expectations/every-event';
import { EVERY_ONE_OUTCOME } from './expectations/every-one-outcomes';
import { TOOL_OUTCOME } from './expectations/tool-outcomes';
import { CONFIGURED_FOR } from './expectations/configured-for';
import { INSTANCE_OUTCOME } from './expectations/instance-outcomes';
import { INSTANCE_HEALTH } from './expectations/instance-health';
import { API_ANSWER } from './expectations/api-answers';
import { AUTH_OUTCOME } from './expectations/auth-outcomes';
import { CHAT_ANSWER } from './expectations/chat-answers';
import { PLATFORM_OUTCOME } from './expectations/platform-outcomes';
import { PERSON_OUTCOME } from './expectations/person-outcomes';
import { OWN_OUTCOME } from './expectations/own-outcomes';
import { DEPENDENCY_EVENT } from './tasks/dependency-events';
import { OTHER_WORK } from './tasks/other-work';
import { FRONT_END_ASKS } from './tasks/front-end-asks';
import { PLATFORM_EVENT } from './tasks/platform-events';
import { TOOL_EVENT } from './tasks/tool-events';
import { PERSON_ACTION } from './tasks/person-actions';
import { OWN_EVENT } from './tasks/own-events';
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
  platformInstance: { about: 'a platform instance configured for the scenario (support/tasks/platform-instances.ts)', phrases: PLATFORM_INSTANCE },
  secondInstance: { about: 'a second platform instance on the same stores (support/tasks/second-instances.ts)', phrases: SECOND_INSTANCE },
  instanceSetting: { about: "a platform instance of the scenario's own (support/tasks/instance-settings.ts)", phrases: INSTANCE_SETTING },
  platformSetting: { about: 'how the platform is set up (support/tasks/platform-settings.ts)', phrases: PLATFORM_SETTING },
  toolSetting: { about: "how one of the agents' tools behaves (support/tasks/tool-settings.ts)", phrases: TOOL_SETTING },
  personContext: { about: "what a person has, or how they are signed in, before the scenario's point (support/tasks/person-contexts.ts)", phrases: PERSON_CONTEXT },
  ownContext: { about: "a person's usage log, or what will go wrong for them, before the scenario's point (support/tasks/own-contexts.ts)", phrases: OWN_CONTEXT },
  eachOutcome: { about: 'what holds for each of several things (support/expectations/each-outcomes.ts)', phrases: EACH_OUTCOME },
  everyEvent: { about: "what every event of a person's run carries (support/expectations/every-event.ts)", phrases: EVERY_EVENT },
  everyOneOutcome: { about: 'what holds for every one of several requests or people (support/expectations/every-one-outcomes.ts)', phrases: EVERY_ONE_OUTCOME },
  toolOutcome: { about: 'what holds for every tool an agent used (support/expectations/tool-outcomes.ts)', phrases: TOOL_OUTCOME },
  configuredFor: { about: 'where a started platform points (support/expectations/configured-for.ts)', phrases: CONFIGURED_FOR },
  instanceOutcome: { about: "what the scenario's other instance does (support/expectations/instance-outcomes.ts)", phrases: INSTANCE_OUTCOME },
  instanceHealth: { about: "what the scenario's other instance reports (support/expectations/instance-health.ts)", phrases: INSTANCE_HEALTH },
  apiAnswer: { about: 'what the REST API answers (support/expectations/api-answers.ts)', phrases: API_ANSWER },
  authOutcome: { about: 'what the auth service does (support/expectations/auth-outcomes.ts)', phrases: AUTH_OUTCOME },
  chatAnswer: { about: 'what the chat answers (support/expectations/chat-answers.ts)', phrases: CHAT_ANSWER },
  platformOutcome: { about: 'what the platform does or keeps, seen from outside (support/expectations/platform-outcomes.ts)', phrases: PLATFORM_OUTCOME },
  personOutcome: { about: 'what a person is shown, answered, refused or able to do (support/expectations/person-outcomes.ts)', phrases: PERSON_OUTCOME },
  ownOutcome: { about: "what becomes of a person's analysis, answer, chat, conversations, requests and sessions (support/expectations/own-outcomes.ts)", phrases: OWN_OUTCOME },
  dependencyEvent: { about: "something that happens to one of the platform's dependencies (support/tasks/dependency-events.ts)", phrases: DEPENDENCY_EVENT },
  otherWork: { about: "other work on the platform's database (support/tasks/other-work.ts)", phrases: OTHER_WORK },
  frontEndAsks: { about: 'what the front end asks (support/tasks/front-end-asks.ts)', phrases: FRONT_END_ASKS },
  platformEvent: { about: 'something that happens to the platform (support/tasks/platform-events.ts)', phrases: PLATFORM_EVENT },
  toolEvent: { about: "something that happens to one of the agents' tools (support/tasks/tool-events.ts)", phrases: TOOL_EVENT },
  personAction: { about: 'what a person does (support/tasks/person-actions.ts)', phrases: PERSON_ACTION },
  ownEvent: { about: "something that happens to a person's connection, browser, session or return from sign-in (support/tasks/own-events.ts)", phrases: OWN_EVENT },
};
