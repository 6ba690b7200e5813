import { PLATFORM_INSTANCE } from './tasks/platform-instances';
import { INSTANCE_SETTING } from './tasks/instance-settings';
import { PLATFORM_SETTING } from './tasks/platform-settings';
import { HAVING } from './tasks/having';
import { STANDING } from './tasks/standing';
import { USAGE_LOG_CHANGE } from './tasks/usage-log-changes';
import { EACH_OUTCOME } from './expectations/each-outcomes';
import { EVERY_ONE_OUTCOME } from './expectations/every-one-outcomes';
import { API_ANSWER } from './expectations/api-answers';
import { AUTH_OUTCOME } from './expectations/auth-outcomes';
import { CHAT_ANSWER } from './expectations/chat-answers';
import { PLATFORM_OUTCOME } from './expectations/platform-outcomes';
import { PERSON_IS } from './expectations/person-is';
import { ANALYSIS_OUTCOME } from './expectations/analysis-outcomes';
import { ANSWER_OUTCOME } from './expectations/answer-outcomes';
import { CHAT_OUTCOME } from './expectations/chat-outcomes';
import { CONVERSATION_OUTCOME } from './expectations/conversation-outcomes';
import { REQUEST_OUTCOME } from './expectations/request-outcomes';
import { SIGN_IN_OUTCOME } from './expectations/sign-in-outcomes';
import { DEPENDENCY_EVENT } from './tasks/dependency-events';
import { PLATFORM_EVENT } from './tasks/platform-events';
import { ARCHIVING } from './tasks/archiving';
import { COMING_BACK } from './tasks/coming-back';
import { OPENING } from './tasks/opening';
import { SENDING } from './tasks/sending';
import { SIGNING } from './tasks/signing';
import { STARTING } from './tasks/starting';
import { ATTEMPT } from './tasks/attempts';
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
  instanceSetting: { about: "a platform instance of the scenario's own (support/tasks/instance-settings.ts)", phrases: INSTANCE_SETTING },
  platformSetting: { about: 'how the platform is set up (support/tasks/platform-settings.ts)', phrases: PLATFORM_SETTING },
  having: { about: 'what a person already has: connections, conversations, sessions (support/tasks/having.ts)', phrases: HAVING },
  standing: { about: 'how a person is signed in (support/tasks/standing.ts)', phrases: STANDING },
  usageLogChange: { about: "a person's usage log, as given or changed (support/tasks/usage-log-changes.ts)", phrases: USAGE_LOG_CHANGE },
  eachOutcome: { about: 'what holds for each of several things (support/expectations/each-outcomes.ts)', phrases: EACH_OUTCOME },
  everyOneOutcome: { about: 'what holds for every one of several requests or people (support/expectations/every-one-outcomes.ts)', phrases: EVERY_ONE_OUTCOME },
  apiAnswer: { about: 'what the REST API answers (support/expectations/api-answers.ts)', phrases: API_ANSWER },
  authOutcome: { about: 'what the auth service does (support/expectations/auth-outcomes.ts)', phrases: AUTH_OUTCOME },
  chatAnswer: { about: 'what the chat answers (support/expectations/chat-answers.ts)', phrases: CHAT_ANSWER },
  platformOutcome: { about: 'what the platform does or keeps, seen from outside (support/expectations/platform-outcomes.ts)', phrases: PLATFORM_OUTCOME },
  personIs: { about: 'what a person is shown, answered or refused (support/expectations/person-is.ts)', phrases: PERSON_IS },
  analysisOutcome: { about: "how a person's analysis went (support/expectations/analysis-outcomes.ts)", phrases: ANALYSIS_OUTCOME },
  answerOutcome: { about: "what a person's answer holds (support/expectations/answer-outcomes.ts)", phrases: ANSWER_OUTCOME },
  chatOutcome: { about: "what happens to a person's chat connection (support/expectations/chat-outcomes.ts)", phrases: CHAT_OUTCOME },
  conversationOutcome: { about: "what a person's conversation holds (support/expectations/conversation-outcomes.ts)", phrases: CONVERSATION_OUTCOME },
  requestOutcome: { about: "how a person's request ended (support/expectations/request-outcomes.ts)", phrases: REQUEST_OUTCOME },
  signInOutcome: { about: "where a person's sign-in leads (support/expectations/sign-in-outcomes.ts)", phrases: SIGN_IN_OUTCOME },
  dependencyEvent: { about: "something that happens to one of the platform's dependencies (support/tasks/dependency-events.ts)", phrases: DEPENDENCY_EVENT },
  platformEvent: { about: 'something that happens to the platform (support/tasks/platform-events.ts)', phrases: PLATFORM_EVENT },
  archiving: { about: 'archiving conversations (support/tasks/archiving.ts)', phrases: ARCHIVING },
  comingBack: { about: 'coming back from a sign-in provider (support/tasks/coming-back.ts)', phrases: COMING_BACK },
  opening: { about: 'opening chat connections (support/tasks/opening.ts)', phrases: OPENING },
  sending: { about: 'what a person sends on the chat or the API (support/tasks/sending.ts)', phrases: SENDING },
  signing: { about: 'signing up, in and out (support/tasks/signing.ts)', phrases: SIGNING },
  starting: { about: 'starting a conversation or a sign-in (support/tasks/starting.ts)', phrases: STARTING },
  attempt: { about: 'what a person tries, allowed or not (support/tasks/attempts.ts)', phrases: ATTEMPT },
};
