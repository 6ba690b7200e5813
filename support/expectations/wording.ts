import { http } from '../clients/http';
import { ModelCall, STAND_IN_MODEL, WORDED_PREFIX } from '../fakes/chat-model';

/**
 * The answer is the model's words, trimmed, and the model was asked properly: with the
 * platform's key and model name, told which agent it speaks for, and given the answer's facts.
 */
export function expectWordedByModel(result: any, calls: ModelCall[], agent: string): void {
  if (result?.wording?.source !== 'model' || result.wording.model !== STAND_IN_MODEL || !String(result.summary).startsWith(WORDED_PREFIX) || result.summary !== result.summary.trim()) {
    throw new Error(`Expected the answer in the model's words, trimmed; its wording is ${JSON.stringify(result?.wording)} and it reads ${JSON.stringify(result?.summary)}`);
  }
  const call = calls.at(-1);
  // Every answer but the triage agent's (which classifies the request) states amounts.
  const statesAmounts = agent !== 'triage';
  const facts = String(result.summary).slice(WORDED_PREFIX.length + 1);
  const system = call?.messages.find((m) => m.role === 'system')?.content ?? '';
  const asked = call?.messages.at(-1);
  if (!call || call.authorization !== 'Bearer stand-in-key' || call.model !== STAND_IN_MODEL || !system.includes(agent) || asked?.role !== 'user' || asked.content !== facts || facts.length === 0 || (statesAmounts && !facts.includes('$'))) {
    throw new Error(`Expected the model to be asked with the platform's key and model, told it speaks for the ${agent}, and given the answer's facts; it was asked ${JSON.stringify(call).slice(0, 500)}`);
  }
}

/** The answer says its wording fell back to the template, and why. */
export function expectWordingFellBack(result: any, why: string): void {
  const said = (result?.limitations ?? []).some((l: string) => l.includes('fell back') && l.includes(why));
  if (result?.wording?.source !== 'fallback' || !String(result.wording.fallback_reason).includes(why) || !said) {
    throw new Error(`Expected the answer to say its wording fell back because the model ${why}…; its wording is ${JSON.stringify(result?.wording)}, limitations ${JSON.stringify(result?.limitations)}`);
  }
}

/** /health names the model the platform words answers with: the stand-in's. */
export async function expectModelReported(apiUrl: string): Promise<void> {
  const health = await http('GET', `${apiUrl}/health`);
  if (health.body?.capabilities?.llm !== STAND_IN_MODEL) throw new Error(`Expected /health to report capabilities.llm "${STAND_IN_MODEL}"; it reports ${JSON.stringify(health.body?.capabilities)}`);
}
