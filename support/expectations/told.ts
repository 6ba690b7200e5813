import type { Actor } from '../actor';
import type { ApexWorld } from '../world';
import { INCOMPLETE_MESSAGES, dollars } from '../domain';
import { refusedAsUnknown } from '../intrusions';
import { expectRefused } from './access';
import {
  completedResult,
  expectCurrentSpend,
  expectImpossibleWorkload,
  expectInsight,
  expectMayNotRunAgents,
  expectNoMeaningfulSaving,
  expectNoSuchAgent,
  expectRecommendation,
  expectRowsProcessed,
  expectSavings,
  expectSavingsOfAtLeast,
  expectSpend,
  expectStopRefusedAsEnded,
  expectSummarySaysNoMeaningfulSaving,
  expectSummaryStates,
  expectTriage,
  expectTypicalLatency,
  expectDailyCostTrend,
  expectDailyRequests,
  expectLogTotalCost,
  expectMostExpensiveModel,
} from './agents';
import { expectMessageFailedWithReference } from './internal-errors';
import { expectRefusedAsUnavailableAndConversationKept } from './resource-bounds';
import { expectToldMessageWrongAndStillOpen, expectToldStorageUnavailable, expectToldTooMany, expectToldWhatIsMissing } from './realtime';

/** A check of what a person was told: it waits for what it reads (each wait has its deadline) and fails saying what came. */
export type Finding = (world: ApexWorld, actor: Actor, ...values: any[]) => Promise<void>;

/** The answer to the person's latest request, once it has completed well formed. */
const answer = (world: ApexWorld, actor: Actor) => completedResult(actor.lastRun(), world.target.runDeadlineMs);
const chat = (actor: Actor) => actor.sockets.at(-1)!;
const incompleteMessage = (world: ApexWorld) => INCOMPLETE_MESSAGES[world.recall<string>('incomplete message')].names;

/** "{actor} is told …": what a person is told, by the agents' answer, the API or the chat. */
export const TOLD: Record<string, Finding> = {
  '{pronoun} current spend is {money} a month': async (world, actor, _pronoun, amount) => expectCurrentSpend(await answer(world, actor), actor.name, amount),
  '{pronoun} current spend is {money} a month, {money} for input and {money} for output': async (world, actor, _pronoun, total, input, output) =>
    expectSpend(await answer(world, actor), { total, input, output }),
  'there is no meaningful saving to make': async (world, actor) => expectNoMeaningfulSaving(await answer(world, actor), actor.name),
  '{int} rows were processed': async (world, actor, rows) => expectRowsProcessed(await answer(world, actor), rows),
  'a typical request of {int} tokens waits about {int} ms': async (world, actor, tokens, ms) => expectTypicalLatency(await answer(world, actor), actor.name, tokens, ms),
  '{pronoun} busiest day was {word} at {money}': async (world, actor, _pronoun, day, amount) => expectInsight(await answer(world, actor), ['busiest', day, dollars(amount)]),
  '{pronoun} daily cost changed by {string} over the log, and the top model is {string} of the cost': async (world, actor, _pronoun, change, share) => {
    const result = await answer(world, actor);
    expectInsight(result, [`(${change})`]);
    expectInsight(result, [`(${share} of the cost)`]);
  },
  'the request is about cost optimization, and the data is {word}': async (world, actor, judgement) => {
    await answer(world, actor);
    expectTriage(actor.lastRun(), judgement);
  },
  'there is no agent called {string}': (_world, actor, name) => expectNoSuchAgent(actor.lastRun(), name),
  '{pronoun} workload is impossible, because of its {workloadField}': (world, actor, _pronoun, field) => expectImpossibleWorkload(actor.lastRun(), world.target.runDeadlineMs, field),
  '{pronoun} may not run agents': (_world, actor) => expectMayNotRunAgents(actor.name, actor.lastRun()),
  'it had already ended, and it stays completed': (_world, actor) => expectStopRefusedAsEnded(actor, actor.runs.find((r) => r.interruptedAt)!),
  'it does not exist': async (_world, actor) => expectRefused(actor, 'as not existing', refusedAsUnknown),
  "{pronoun} message failed because of an internal error, with a reference the platform's log also holds": (world, actor) => expectMessageFailedWithReference(world, actor, actor.lastRun()),
  '{pronoun} is/are sending too many messages': (_world, actor) => expectToldTooMany(chat(actor)),
  'what the message left out, and {pronoun} chat stays open': (world, actor) => expectToldWhatIsMissing(chat(actor), incompleteMessage(world)),
  'which part of the message is wrong, and {pronoun} chat stays open': (world, actor) => expectToldWhatIsMissing(chat(actor), incompleteMessage(world)),
  'the message was {word}, and {pronoun} chat stays open': (_world, actor, how) => expectToldMessageWrongAndStillOpen(chat(actor), how),
  'the catch-up cannot be done right now, and {pronoun} chat stays open': (_world, actor) => expectToldStorageUnavailable(actor.lastRun().socket),
  'it cannot be done right now, and the conversation is still listed': (_world, actor) => expectRefusedAsUnavailableAndConversationKept(actor),
};

/** "{actor} is offered …": what the agents' answer offers. */
export const OFFERED: Record<string, Finding> = {
  'savings of at least {money} a month': async (world, actor, amount) => expectSavingsOfAtLeast(await answer(world, actor), actor.name, amount),
  'savings of exactly {money} a month, {float}% of {pronoun} spend': async (world, actor, amount, percent) => expectSavings(await answer(world, actor), amount, percent),
  '{string} worth {money} a month': async (world, actor, title, amount) => expectRecommendation(await answer(world, actor), title, amount),
  '{string} worth {money} a month, at {word} effort': async (world, actor, title, amount, effort) => expectRecommendation(await answer(world, actor), title, amount, effort),
};

/** "{actor}'s …": a figure the data analyst read off the person's usage log. */
export const LOG_FIGURES: Record<string, Finding> = {
  'total cost in the log is {money}': async (world, actor, amount) => expectLogTotalCost(await answer(world, actor), amount),
  'most expensive model is {word} {word}': async (world, actor, provider, model) => expectMostExpensiveModel(await answer(world, actor), provider, model),
  'daily cost trend reads {string}': async (world, actor, trend) => expectDailyCostTrend(await answer(world, actor), trend),
  'daily requests read {string}': async (world, actor, trend) => expectDailyRequests(await answer(world, actor), trend),
};

/** "{actor}'s answer says in words that …": what the answer's summary states, as a person reads it. */
export const SAID_IN_WORDS: Record<string, Finding> = {
  '{pronoun} spend(s) {money} a month': async (world, actor, _pronoun, spend) => expectSummaryStates(await answer(world, actor), [spend]),
  '{pronoun} spend(s) {money} and can save {money} a month': async (world, actor, _pronoun, spend, saving) => expectSummaryStates(await answer(world, actor), [spend, saving]),
  '{pronoun} spend(s) {money} a month and that no option is worth {money} a month': async (world, actor, _pronoun, spend, threshold) => {
    const result = await answer(world, actor);
    expectSummaryStates(result, [spend, threshold]);
    expectSummarySaysNoMeaningfulSaving(result);
  },
};
