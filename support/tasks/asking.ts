import type { Actor } from '../actor';
import type { ApexWorld } from '../world';
import { Workload, costQuestion, describeWorkload, inOwnWords, pastedFromNotes } from '../domain';
import { BAD_EXECUTIONS, PATHOLOGICAL_TEXTS } from '../hostile-input';
import { completedResult } from '../expectations/agents';
import { askOnConnection, chatSocket, sendOn, startAgent } from './chat';
import { ensureSignedIn } from './sign-in';

/** Something a person asks for: it sends the request and returns once it is sent (what comes back is read by the expectations). */
export type Request = (world: ApexWorld, actor: Actor, ...values: any[]) => Promise<unknown>;

/** The cost question about a workload, with the workload as structured figures. */
const about = (workload: Workload) => ({ user_request: costQuestion(workload), context: { workload } });
/** The cost question with one figure of the workload replaced, or left out. */
const withFigure = (workload: Workload, field: keyof Workload, value: unknown) => ({ user_request: 'How much can I save?', context: { workload: { ...workload, [field]: value } } });
const deepAnalysis = { user_request: 'Analyse my usage log in depth.', context: { analysis_depth: 'deep' } };
const PHRASINGS = { figures: costQuestion, words: inOwnWords, shouted: (w: Workload) => inOwnWords(w).toUpperCase(), pasted: pastedFromNotes };

/** Asks through the API instead of the chat, with the token the person holds (signing in first only where `signIn`); the answer is the actor's latest. */
async function throughApi(actor: Actor, request: Parameters<Actor['api']['execute']>[1], signIn = true): Promise<void> {
  if (signIn) await ensureSignedIn(actor);
  await actor.attempt('execute', actor.api.execute(actor.accessToken, request));
}

/** "{actor} asks …" (or "has asked …"): what a person asks the agents, the chat or the API for. */
export const REQUESTS: Record<string, Request> = {
  'the {agent} about {workload}': (_world, actor, agent, workload) => startAgent(actor, agent, about(workload)),
  'an agent called {string} about {workload}': (_world, actor, name, workload) => startAgent(actor, name, about(workload)),
  'about {workload} without naming an agent': (_world, actor, workload) => startAgent(actor, undefined, about(workload)),
  'the {agent} {phrasing} about {workload}': (_world, actor, agent, phrasing: keyof typeof PHRASINGS, workload) => {
    const text = PHRASINGS[phrasing](workload);
    return startAgent(actor, agent, phrasing === 'figures' ? { user_request: text, context: { workload } } : { user_request: text });
  },
  'the {agent} about {workload}, with figures whose {workloadField} is {figure}': (_world, actor, agent, workload, field, value) => startAgent(actor, agent, withFigure(workload, field, value)),
  'the {agent} about {workload}, with figures that leave out the {workloadField}': (_world, actor, agent, workload, field: keyof Workload) => {
    const { [field]: _left, ...rest } = workload as Workload;
    return startAgent(actor, agent, { user_request: 'How much can I save?', context: { workload: rest } });
  },
  "the {agent} about {workload} the way the platform's staging tests do": (_world, actor, agent, workload) => startAgent(actor, agent, about(workload), 'agent_request'),
  "the {agent} about {workload} the way the platform's staging tests do, with the fields beside the message type": (_world, actor, agent, workload) =>
    startAgent(actor, agent, about(workload), 'agent_request at the top level'),
  'the {agent} about {workload} in the same conversation': (_world, actor, agent, workload) => startAgent(actor, agent, { ...about(workload), thread_id: actor.lastRun().threadId }),
  'the {agent} about {workload}, marking the request with an id of {int} characters': (_world, actor, agent, workload, length) => startAgent(actor, agent, about(workload), 'start_agent', 'q'.repeat(length)),
  'the {agent} about {workload}, without marking the request': (_world, actor, agent, workload) => startAgent(actor, agent, about(workload), 'start_agent', ''),
  'the {agent} about {workload} {int} times at once, on the same chat': async (_world, actor, agent, workload, times) => {
    for (let i = 0; i < times; i++) await startAgent(actor, agent, about(workload));
  },
  'the {agent} about {workload} {int} times, one after another, on the same chat': async (world, actor, agent, workload, times) => {
    for (let i = 0; i < times; i++) await completedResult(await startAgent(actor, agent, about(workload)), world.target.runDeadlineMs);
  },
  'the {agent} about {workload} on the second instance': async (world, actor, agent, workload) => {
    const socket = actor.sockets.find((s) => s.url.startsWith(world.latestInstance.wsUrl))!;
    world.remember('fanOut', await askOnConnection(socket, agent, about(workload), world.target.runDeadlineMs));
  },
  'the {agent} a question of {pathologicalText}': (_world, actor, agent, text) => startAgent(actor, agent, { user_request: PATHOLOGICAL_TEXTS[text] }),
  'the supervisor for a full review of {workload}': (_world, actor, workload) =>
    startAgent(actor, 'supervisor', { user_request: `Review my AI spend: ${describeWorkload(workload)}.`, context: { workload } }),
  'the supervisor for a full review of {pronoun} usage log': (_world, actor) => startAgent(actor, 'supervisor', { user_request: 'Review my AI spend from the attached usage log.', context: {} }),
  'the {agent} to cut {pronoun} costs without giving any figures': (_world, actor, agent) => startAgent(actor, agent, { user_request: 'Please cut my AI costs.', context: {} }),
  'the {agent} to cut what {pronoun} spend(s) on {word} {word}, without any figures': (_world, actor, agent, _pronoun, provider, model) =>
    startAgent(actor, agent, { user_request: `Can you cut what we spend on ${provider} ${model}?` }),
  'the {agent} about {int} {figureName} and nothing else': (_world, actor, agent, count, what) => startAgent(actor, agent, { user_request: `We have ${count} ${what}. What can we save?` }),
  'the {agent} about {int} requests a month of {int} input and {int} output tokens, without naming the model': (_world, actor, agent, requests, input, output) =>
    startAgent(actor, agent, { user_request: `We make ${requests} requests a month with ${input} input and ${output} output tokens. What can we save?` }),
  'the data analyst to analyse {pronoun} usage log': (_world, actor) => startAgent(actor, 'data_analysis', { user_request: 'What does my usage log say?', context: {} }),
  'the data analyst for a deep analysis of {pronoun} usage log': (_world, actor) => startAgent(actor, 'data_analysis', deepAnalysis),
  'the data analyst for a deep analysis of {pronoun} usage log, without marking the request with an id': (_world, actor) => startAgent(actor, 'data_analysis', deepAnalysis, 'start_agent', null),
  'the cost optimizer in that conversation: {string}': (_world, actor, text) => startAgent(actor, 'cost_optimizer', { user_request: text, thread_id: actor.recall('thread').id }),
  'the {agent} about {workload} through the API': (_world, actor, agent, workload) => throughApi(actor, { type: agent, message: costQuestion(workload), context: { workload } }, false),
  'the {agent} through the API about {workload}, with figures whose {workloadField} is {figure}': (_world, actor, agent, workload, field, value) =>
    throughApi(actor, { type: agent, message: 'How much can I save?', context: withFigure(workload, field, value).context }),
  'the {agent} about {workload} through the API, with {badExecution}': (_world, actor, agent, workload, bad) =>
    throughApi(actor, { type: agent, ...BAD_EXECUTIONS[bad](costQuestion(workload), { ...workload }) } as Parameters<Actor['api']['execute']>[1], false),
  'an agent called {string} through the API': (_world, actor, name) => throughApi(actor, { type: name, message: 'How much can I save?' }),
  "the chat for {actor}'s conversation": async (world, actor, owner) => {
    await ensureSignedIn(actor);
    sendOn(await chatSocket(actor), 'get_thread', { thread_id: world.session(owner).lastRun().threadId });
  },
  'the chat for {pronoun} own conversation': async (_world, actor) => sendOn(await chatSocket(actor), 'get_thread', { thread_id: actor.lastRun().threadId }),
  '{pronoun} chat to catch up on the analysis once it is under way': async (world, actor) => {
    const run = actor.lastRun();
    await run.underWay(world.target.runDeadlineMs);
    sendOn(run.socket, 'resume', { run_id: run.runId, after_seq: run.lastSeq });
  },
  '{pronoun} chat to replay {pronoun} analysis from {replayFrom}': async (world, actor, _pronoun, _pronoun2, from) => {
    const run = actor.lastRun();
    await completedResult(run, world.target.runDeadlineMs);
    sendOn(run.socket, 'resume', { run_id: run.runId, after_seq: from });
  },
};
