import type { AgentRun } from './agent-run';

export interface TimelineRow {
  seq: number | null;
  type: string;
  ms: number;
}

/** A run's events on a time axis: milliseconds since the request was sent. */
export function timelineOf(run: AgentRun): TimelineRow[] {
  return run.events.map((f) => ({ seq: f.frame.data?.seq ?? null, type: f.frame.type, ms: f.at - run.sentAt }));
}

export function timelineText(owner: string, run: AgentRun): string {
  const rows = timelineOf(run);
  const width = Math.max(3, ...rows.map((r) => String(r.ms).length));
  const header = `${owner} asked the ${run.agent} (run ${run.runId ?? 'never started'}): ${rows.length} events over ${rows.at(-1)?.ms ?? 0} ms`;
  return [header, ...rows.map((r) => `  +${String(r.ms).padStart(width)} ms  #${String(r.seq ?? '-').padEnd(3)} ${r.type}`)].join('\n');
}

const LANES = ['agent_started', 'agent_thinking', 'agent_handoff', 'tool_executing', 'tool_completed', 'agent_progress', 'agent_completed', 'agent_failed', 'agent_cancelled'];
const COLOURS: Record<string, string> = {
  agent_started: '#2b6cb0',
  agent_thinking: '#805ad5',
  agent_handoff: '#d69e2e',
  tool_executing: '#dd6b20',
  tool_completed: '#38a169',
  agent_progress: '#319795',
  agent_completed: '#2f855a',
  agent_failed: '#c53030',
  agent_cancelled: '#718096',
};
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The run as a picture for the HTML report: one lane per event type, each event a dot at its
 * arrival time (ms since the request), numbered with its seq.
 */
export function timelineSvg(owner: string, run: AgentRun): string {
  const rows = timelineOf(run);
  const lanes = LANES.filter((lane) => rows.some((r) => r.type === lane)).concat([...new Set(rows.map((r) => r.type))].filter((t) => !LANES.includes(t)));
  const [left, right, top, laneHeight] = [130, 20, 24, 22];
  const width = 720;
  const height = top + lanes.length * laneHeight + 30;
  const span = Math.max(1, ...rows.map((r) => r.ms));
  const x = (ms: number) => left + (ms / span) * (width - left - right);
  const ticks = Array.from({ length: 5 }, (_, i) => Math.round((span * i) / 4));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="apex-timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(`${owner}'s ${run.agent} run on a time axis`)}" style="font-family:sans-serif;font-size:11px;background:#fff">`,
    `<text x="${left}" y="14" fill="#333">${escape(`${owner} · ${run.agent} · ${rows.length} events over ${span} ms`)}</text>`,
    ...lanes.map((lane, i) => {
      const y = top + i * laneHeight + laneHeight / 2;
      return `<text x="${left - 8}" y="${y + 4}" text-anchor="end" fill="#333">${lane}</text><line x1="${left}" x2="${width - right}" y1="${y}" y2="${y}" stroke="#eee"/>`;
    }),
    ...rows.map((r) => {
      const y = top + lanes.indexOf(r.type) * laneHeight + laneHeight / 2;
      return `<circle cx="${x(r.ms).toFixed(1)}" cy="${y}" r="5" fill="${COLOURS[r.type] ?? '#4a5568'}"><title>${r.type} #${r.seq} at +${r.ms} ms</title></circle><text x="${x(r.ms).toFixed(1)}" y="${y - 7}" text-anchor="middle" fill="#555" font-size="9">${r.seq ?? ''}</text>`;
    }),
    ...ticks.map((t) => `<text x="${x(t).toFixed(1)}" y="${height - 8}" text-anchor="middle" fill="#666">${t} ms</text><line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${top}" y2="${height - 22}" stroke="#f3f3f3"/>`),
    '</svg>',
  ];
  return parts.join('');
}

/** What the agent answered, in words: the result's summary, or how the run ended without one. */
function answerOf(run: AgentRun): string {
  const terminal = run.terminal?.frame;
  if (!terminal) return `No answer: the run did not end while the scenario watched (${run.events.length} events).`;
  const data = terminal.data ?? {};
  if (terminal.type !== 'agent_completed') return `No answer: the run ended with ${terminal.type}${data.error_code ? ` (${data.error_code}: ${data.error_message ?? ''})` : ''}.`;
  const result = data.result ?? {};
  return typeof result.summary === 'string' ? result.summary : typeof result.answer === 'string' ? result.answer : JSON.stringify(result).slice(0, 2000);
}

/**
 * One run's evidence as one labelled attachment: the agent's answer (what the figures were read
 * from), the timeline picture, and then, folded, the result and every event as received.
 */
export function runEvidence(owner: string, run: AgentRun): string {
  const result = run.result === undefined ? '' : `<details><summary>The result, as received</summary><pre>${escape(JSON.stringify(run.result, null, 2))}</pre></details>`;
  return [
    `<div class="apex-run"><h4>${escape(`${owner} asked the ${run.agent}`)} <small>${escape(`run ${run.runId ?? 'never started'}`)}</small></h4>`,
    `<p><b>The agent's answer:</b> ${escape(answerOf(run))}</p>`,
    `<p><b>The event timeline:</b></p>${timelineSvg(owner, run)}`,
    result,
    `<details><summary>Every event, as received</summary><pre>${escape(timelineText(owner, run))}</pre></details></div>`,
  ].join('');
}
