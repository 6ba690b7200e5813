import type { AgentOutcome } from './agents';

export interface WordingNote {
  source: 'template' | 'model' | 'fallback';
  model?: string;
  fallback_reason?: string;
}

/**
 * How an answer is put into words. The figures never come from here: a language model only
 * rephrases the template's sentence, and any answer that drops one of its amounts is refused.
 */
export interface Wording {
  /** What /health reports as capabilities.llm. */
  readonly model: string;
  word(agent: string, outcome: AgentOutcome): Promise<{ text: string; note: WordingNote }>;
}

export class TemplateWording implements Wording {
  readonly model = 'deterministic';

  async word(_agent: string, outcome: AgentOutcome) {
    return { text: outcome.summary, note: { source: 'template' as const } };
  }
}

const AMOUNTS = /\$[\d,]+(?:\.\d+)?/g;

/** An OpenAI-compatible chat-completions endpoint (LLM_BASE_URL, LLM_API_KEY, LLM_MODEL). */
export class ChatModelWording implements Wording {
  constructor(private readonly baseUrl: string, private readonly apiKey: string, readonly model: string, private readonly timeoutMs: number) {}

  async word(agent: string, outcome: AgentOutcome) {
    const fallback = (reason: string) => ({ text: outcome.summary, note: { source: 'fallback' as const, model: this.model, fallback_reason: reason } });
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
        body: JSON.stringify({
          model: this.model,
          temperature: 0,
          messages: [
            { role: 'system', content: `You are the ${agent.replace('_', ' ')} of an AI cost platform. Reword the facts for the customer in at most two sentences. Keep every dollar amount exactly as written.` },
            { role: 'user', content: outcome.summary },
          ],
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return fallback(timedOut ? `the language model did not answer within ${this.timeoutMs} ms` : `the language model could not be reached (${(error as Error).message})`);
    }
    if (!response.ok) return fallback(`the language model answered ${response.status}`);
    const body = (await response.json().catch(() => undefined)) as { choices?: { message?: { content?: unknown } }[] } | undefined;
    const text = body?.choices?.[0]?.message?.content;
    if (typeof text !== 'string' || text.trim() === '') return fallback('the language model answered without a message');
    const dropped = (outcome.summary.match(AMOUNTS) ?? []).filter((amount) => !text.includes(amount));
    // Stryker disable next-line StringLiteral: the wording of the list of amounts in the fallback's reason
    const amounts = dropped.join(', ');
    if (dropped.length) return fallback(`the language model's wording left out ${amounts}`);
    return { text: text.trim(), note: { source: 'model' as const, model: this.model } };
  }
}
