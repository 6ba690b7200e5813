import type { Actor } from '../actor';
import { expectApiRefuses, expectApiAccepts } from './sessions';
import { AuthorizationWriter } from '../clients/http';
import { expectApiRefusedWorkload, expectApiRunFailed, expectApiNoSuchAgent, expectQuestionsUnavailable } from './agents';
import { expectApiFailedWithReference } from './internal-errors';
import { expectConversationsUnavailable } from './realtime';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the API …": what the REST API answers. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const API_ANSWER: Record<string, PhraseStep> = {
  'refuses {actor}, who carries the bypass key instead of a token': async function (this: ApexWorld, user: Actor) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('this needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
    const headers = { 'x-e2e-bypass-key': key };
    await expectApiRefuses(user, { api: user.api.sendingHeaders(headers), auth: user.auth.sendingHeaders(headers) });
  },
  'tells {actor} there is no agent called {string}': function (this: ApexWorld, user: Actor, name: string) {
    expectApiNoSuchAgent(user.lastAnswer, name);
  },
  "refuses {actor}'s workload as impossible, because of its {workloadField}": function (this: ApexWorld, user: Actor, field: string) {
    expectApiRefusedWorkload(user.lastAnswer, field);
  },
  'tells {actor} {pronoun} request failed, with a reason that mentions {string}': function (this: ApexWorld, user: Actor, _pronoun: string, mentions: string) {
    expectApiRunFailed(user.lastAnswer, mentions);
  },
  "tells {actor} {pronoun} request failed because of an internal error, with a reference the platform's log also holds": async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectApiFailedWithReference(this, user);
  },
  'tells {actor} {pronoun} questions cannot be answered right now': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectQuestionsUnavailable(user);
  },
  'tells {actor} {pronoun} conversations cannot be reached right now': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectConversationsUnavailable(user);
  },
  "accepts {actor}'s token": async function (this: ApexWorld, user: Actor) {
    await expectApiAccepts(user);
  },
  "refuses {actor}'s token": async function (this: ApexWorld, user: Actor) {
    await expectApiRefuses(user);
  },
  "refuses {actor}'s token written {authorizationWriting}": async function (this: ApexWorld, user: Actor, writing: AuthorizationWriter) {
    await expectApiRefuses(user, { api: user.api.writingTokenAs(writing), auth: user.auth.writingTokenAs(writing) });
  },
  "accepts {actor}'s token written {authorizationWriting}": async function (this: ApexWorld, user: Actor, writing: AuthorizationWriter) {
    await expectApiAccepts(user, { api: user.api.writingTokenAs(writing), auth: user.auth.writingTokenAs(writing) });
  },
};
