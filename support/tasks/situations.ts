import type { Actor } from '../actor';
import { signInThroughBypass } from './sign-in';
import { PRODUCTION_PASSWORD_HASH_COST } from '../environment';
import { deepStagePace } from '../domain';
import { hangNextCallFor, failForThisScenario, crashNextMessageOf } from '../scoped-faults';
import { instanceWithBreakableLink } from '../breakable-links';
import { ModelBehaviour, STAND_IN_MODEL, StandInChatModel } from '../fakes/chat-model';
import { readyToChat } from './crowd';
import { createScratchDatabase } from '../probes/database-admin';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "Given …": a situation the scenario sets up, with no one person at its centre. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const SITUATION: Record<string, PhraseStep> = {
  'sign-in states last {int} second(s)': async function (this: ApexWorld, seconds: number) {
    const instance = await this.startInstance({ OAUTH_STATE_TTL_SECONDS: String(seconds) });
    if (!instance) return this.skip(`a deployment's sign-in states last its own time (10 minutes by the contract); this needs an instance with a short one.`);
    this.moveEveryoneTo(instance);
    this.remember('state lifetime', seconds * 1000);
  },
  'passwords are checked as slowly as in production': async function (this: ApexWorld) {
    // The suite's own platforms hash at a sixteenth of the production cost to sign people up faster;
    // at that cost a password check is hardly slower than the request around it, so skipping the
    // check for an unknown email would hide in the noise. A deployment hashes as it does.
    const instance = await this.startInstance({ PASSWORD_HASH_COST: String(PRODUCTION_PASSWORD_HASH_COST) });
    if (instance) this.moveEveryoneTo(instance);
    else this.log('The deployment checks passwords at its own cost.');
  },
  'sign-in lockouts last {int} second(s)': async function (this: ApexWorld, seconds: number) {
    const instance = await this.startInstance({ LOCKOUT_WINDOW_SECONDS: String(seconds) });
    if (!instance) return this.skip(`a deployment's lockout window is its own (15 minutes by the contract); this needs an instance with a short one.`);
    this.moveEveryoneTo(instance);
    this.remember('lockout window', seconds * 1000);
  },
  'each stage of a deep analysis takes {int} seconds': async function (this: ApexWorld, seconds: number) {
    const instance = await this.startInstance({ AGENT_TIME_SCALE: deepStagePace(seconds) });
    if (!instance) return this.skip('this starts a reference platform instance at a slower pace; a deployment runs at its own.');
    this.moveEveryoneTo(instance);
  },
  "the {word} {word} never answers {actor}'s next call": async function (this: ApexWorld, first: string, second: string, user: Actor) {
    await hangNextCallFor(this, user, `${first}_${second}`);
  },
  'the {word} {word} is failing': async function (this: ApexWorld, first: string, second: string) {
    const faults = this.faults();
    if (!faults) return this.skip('injecting a failing tool needs the service secret (APEX_SERVICE_SECRET).');
    await failForThisScenario(this, `${first}_${second}`);
  },
  "the handling of {actor}'s next chat message will fail unexpectedly": async function (this: ApexWorld, user: Actor) {
    await crashNextMessageOf(this, user, 'message');
  },
  'the agents word their answers with a language model that {modelBehaviour}': async function (this: ApexWorld, behaviour: ModelBehaviour) {
    if (this.target.kind === 'remote') return this.skip('this puts a stand-in model behind a reference platform instance; a remote target brings its own model.');
    const model = await StandInChatModel.start(behaviour);
    this.keepStandIn(model);
    this.remember('model behaviour', behaviour);
    this.remember('stand-in model', model);
    const instance = await this.startInstance({ LLM_BASE_URL: model.baseUrl, LLM_API_KEY: 'stand-in-key', LLM_MODEL: STAND_IN_MODEL, LLM_TIMEOUT_MS: '300' });
    this.moveEveryoneTo(instance!);
  },
  '{int} customers are signed in, each with a chat open': async function (this: ApexWorld, count: number) {
    this.remember('crowd', Array.from({ length: count }, (_, i) => `Customer${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`));
    const key = this.target.secrets.e2eBypassKey;
    // A crowd signs in through the simulated sign-in where it can: password hashing is not what a crowd measures.
    if (key) await Promise.all(this.recall('crowd').map((n) => signInThroughBypass(this.session(n), key)));
    await readyToChat(this.recall('crowd').map((n) => this.session(n)));
  },
  'a new, empty database': async function (this: ApexWorld) {
    if (this.target.kind === 'remote' || !this.target.databaseUrl) return this.skip('this creates a database beside the reference platform\'s; a remote target manages its own.');
    const scratch = await createScratchDatabase(this.target.databaseUrl);
    this.keepStandIn({ stop: () => scratch.drop() });
    this.remember('scratchDatabaseUrl', scratch.url);
  },
  'a second instance of the platform sharing the same stores': async function (this: ApexWorld) {
    if (!(await this.anotherInstance())) return this.skip('this needs a second instance of the deployment: give its direct addresses as APEX_SECOND_API_URL and APEX_SECOND_WS_URL.');
  },
  'a second instance of the platform sharing the same stores, whose link to its {dependency} can fail': async function (this: ApexWorld, dependency: string) {
    return instanceWithBreakableLink(this, dependency, {}, { moveEveryone: false });
  },
  'the chat allows {int} message(s) per customer every {int} second(s)': async function (this: ApexWorld, limit: number, seconds: number) {
    const instance = await this.startInstance({ WS_RATE_LIMIT_PER_MINUTE: String(limit), WS_RATE_LIMIT_WINDOW_SECONDS: String(seconds) });
    if (!instance) return this.skip(`a deployment's message window is a minute; this needs an instance with a short one.`);
    this.moveEveryoneTo(instance);
    this.remember('message window', seconds * 1000);
  },
  'refresh tokens last {int} second(s)': async function (this: ApexWorld, seconds: number) {
    const instance = await this.startInstance({ JWT_REFRESH_TTL_SECONDS: String(seconds) });
    if (!instance) return this.skip(`a deployment's refresh tokens last as long as it is configured to; this needs an instance with short ones.`);
    this.moveEveryoneTo(instance);
  },
};
