import { expectToldToWait, expectRefusal } from '../refusals';
import { expectBackInSameAccount, expectCalled, expectCalledByGivenEmail, expectLetIn, expectWelcomedAsThemselves } from './accounts';
import { expectFaultRefused, expectNoProfile } from './sessions';
import { answeredRun, completedResult, expectHandoffChain, expectRecommendation } from './agents';
import { expectRepliesAcrossSockets, expectNoChatThere } from './realtime';
import { refusedAsNotTheirs } from '../intrusions';
import { expectEveryReadRefused, expectOnlyOwnConversationsListed, expectRefused } from './access';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user} is …": what a person is shown, answered or refused. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const PERSON_IS: Record<string, PhraseStep> = {
  'called by the first part of the email address the platform gave {pronoun}': async function (this: ApexWorld, user: string, _pronoun: string) {
    await expectCalledByGivenEmail(this.session(user));
  },
  'back in the same account': function (this: ApexWorld, user: string) {
    expectBackInSameAccount(this.session(user), this.recall<string>(`${user}'s first account`));
  },
  'refused because there were too many failed attempts, and told to wait {int} {word}': function (this: ApexWorld, user: string, count: number, unit: string) {
    expectToldToWait(this.session(user).lastAnswer, `${count} ${unit}`);
  },
  'let in': function (this: ApexWorld, user: string) {
    expectLetIn(this.session(user));
  },
  'called {string} on {pronoun} account': async function (this: ApexWorld, user: string, name: string, _pronoun: string) {
    await expectCalled(this.session(user), name);
  },
  'called by the first part of {pronoun} email address on {pronoun} account': async function (this: ApexWorld, user: string, _pronoun: string, _pronoun2: string) {
    const session = this.session(user);
    await expectCalled(session, session.email.split('@')[0]);
  },
  'answered by the supervisor, who hands the work along': async function (this: ApexWorld, user: string) {
    const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
    expectHandoffChain(run, ['supervisor', 'triage', 'data_analysis', 'cost_optimizer', 'reporting']);
  },
  'not offered {string}': async function (this: ApexWorld, user: string, title: string) {
    expectRecommendation(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs), title, undefined);
  },
  'welcomed into the chat as herself/himself/themselves': async function (this: ApexWorld, user: string) {
    await expectWelcomedAsThemselves(this.session(user));
  },
  'refused every time as having no access': function (this: ApexWorld, user: string) {
    expectEveryReadRefused(this.session(user));
  },
  "shown only {pronoun} own conversations, none of {user}'s": function (this: ApexWorld, user: string, _pronoun: string, named: string) {
    expectOnlyOwnConversationsListed(this.session(user), this.session(named));
  },
  'refused as having no access': function (this: ApexWorld, actor: string) {
    expectRefused(this.session(actor), 'as having no access', refusedAsNotTheirs);
  },
  'answered up to {int} messages in the minute,/window, and every message after that is refused as too many': async function (this: ApexWorld, user: string, limit: number) {
    const socket = this.session(user).sockets.at(-1)!;
    const { before, count } = socket.flood!;
    // Every message this person sent so far counts, on whichever socket; here all went through this one.
    const answered = Math.max(0, limit - before);
    await expectRepliesAcrossSockets([socket], answered, count - answered);
  },
  'answered {int} times in all, and refused as too many {int} times': async function (this: ApexWorld, user: string, answered: number, refused: number) {
    await expectRepliesAcrossSockets(this.session(user).sockets.filter((s) => s.isOpen), answered, refused);
  },
  'refused as there is no chat at that address': function (this: ApexWorld, user: string) {
    expectNoChatThere(this.recall<string>('connection attempt'), user);
  },
  'refused, and nothing was broken': async function (this: ApexWorld, user: string) {
    await expectFaultRefused(this.session(user).lastAnswer, this.faults(), this.recall<string>('attempted fault'));
  },
  'shown no profile, as the account no longer exists': async function (this: ApexWorld, user: string) {
    await expectNoProfile(this.session(user));
  },
  'refused because {refusal}': function (this: ApexWorld, user: string, reason: string) {
    expectRefusal(this.session(user).lastAnswer, reason);
  },
};
