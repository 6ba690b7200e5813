import type { AgentRun } from '../agent-run';
import { describeFrames } from '../clients/agent-socket';
import { redact } from '../redact';
import type { Actor } from '../actor';
import { eventually } from '../wait';
import type { ApexWorld } from '../world';
import { DEADLINES } from '../deadlines';

/** The log of the platform the scenario's people use, where the suite can read it. */
function platformLog(world: ApexWorld): (() => string) | undefined {
  const own = world.noted('ownProcess')?.platform;
  return own ? () => own.log() : world.target.log;
}

/**
 * The platform's log holds the reference a customer was given (contract section 9, "Internal
 * errors"): what an operator searches for when the customer quotes it. Only the reference
 * platform's log is at hand (in this process, or a process the scenario started); elsewhere this is not checked.
 */
async function expectLogged(world: ApexWorld, reference: string, given: string): Promise<void> {
  const log = platformLog(world);
  if (!log) return void world.notChecked(`the platform's log is not at hand (only the reference platform's is), so the reference ${reference} ${given} was not looked up in it`);
  await eventually(`the platform's log to hold the reference ${reference} ${given}`, async () => (log().includes(reference) ? true : undefined), 2000, () => `its log ends: ${redact(log().slice(-600))}`);
  world.evidence(log().split('\n').filter((line) => line.includes(reference)).join('\n').slice(0, 2000));
}

/** The message was answered error_message INTERNAL_ERROR with a reference the log holds, and the chat it came on is still open. */
export async function expectMessageFailedWithReference(world: ApexWorld, owner: Actor, run: AgentRun): Promise<void> {
  const { socket } = run;
  const answered = `error_message INTERNAL_ERROR, with a reference, in answer to ${owner.name}'s message`;
  const answer = await socket.waitFor(answered, (f) => f.type === 'error_message' || (f.data?.run_id !== undefined && f.data?.request_id === run.requestId), DEADLINES.reply, run.firstFrame);
  const { frame } = answer;
  if (frame.type !== 'error_message' || frame.error_code !== 'INTERNAL_ERROR' || typeof frame.reference !== 'string' || frame.reference === '') {
    throw new Error(`Expected ${owner.name}'s message to be answered with error_message INTERNAL_ERROR and a reference; received: ${describeFrames(socket.frames.slice(run.firstFrame), run.sentAt)}${frame.type === 'error_message' ? ` (${frame.error_code}, reference ${JSON.stringify(frame.reference)})` : ''}`);
  }
  if (!socket.isOpen) throw new Error(`Expected ${owner.name}'s chat to stay open after the failed message; it closed with ${socket.closed?.code} ${socket.closed?.reason ?? ''}`);
  await expectLogged(world, frame.reference, `that ${owner.name} was given`);
}

/** The chat connection was closed with 1011 (an internal error) and a reason whose reference the log holds. */
export async function expectConnectionClosedWithReference(world: ApexWorld, owner: Actor): Promise<void> {
  const socket = owner.lastRun().socket;
  let closed;
  try {
    closed = await socket.waitForClose(DEADLINES.close);
  } catch {
    throw new Error(`Expected ${owner.name}'s chat to be closed with 1011 (an internal error) and a reason; it is still open, and received: ${describeFrames(socket.frames, socket.openedAt)}`);
  }
  if (closed.code !== 1011 || !closed.reason.trim()) {
    throw new Error(`Expected ${owner.name}'s chat to be closed with 1011 (an internal error) and a reason; it closed with ${closed.code}${closed.reason ? ` "${closed.reason}"` : ' and no reason'}`);
  }
  // The reason is free text: the reference in it is whichever of its words the log holds.
  const words = closed.reason.split(/[\s,;:()"']+/).filter((word) => word.length >= 8);
  const log = platformLog(world);
  const reference = (log && words.find((word) => log().includes(word))) ?? words.at(-1) ?? closed.reason;
  await expectLogged(world, reference, `in the reason ${owner.name}'s chat was closed with ("${closed.reason}")`);
}

/** The API answered 500 INTERNAL_ERROR with a reference the log holds (the body's shape is held to contract/openapi.json). */
export async function expectApiFailedWithReference(world: ApexWorld, owner: Actor): Promise<void> {
  const answer = owner.lastAnswer;
  if (!answer || answer.status !== 500 || answer.body?.code !== 'INTERNAL_ERROR' || typeof answer.body?.reference !== 'string' || answer.body.reference === '') {
    throw new Error(`Expected the API to answer ${owner.name}'s request 500 INTERNAL_ERROR with a reference; ${answer ? `${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 300)}` : 'nothing was asked'}`);
  }
  await expectLogged(world, answer.body.reference, `that the API gave ${owner.name}`);
}
