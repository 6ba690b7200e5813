import type { AgentRun } from './agent-run';
import { latencySummary } from './expectations/realtime';

export interface LoadFigures {
  runs: number;
  completed: number;
  success_rate_percent: number;
  wall_ms: number;
  events: number;
  events_per_second: number;
  first_event_ms: ReturnType<typeof latencySummary>;
  completion_ms: ReturnType<typeof latencySummary>;
  platform_peak_rss_mb?: number;
}

/** What a crowd of runs did: success, latencies from an HDR histogram, and throughput. */
export function loadFiguresOf(runs: AgentRun[]): LoadFigures {
  const done = runs.filter((r) => r.terminal?.frame.type === 'agent_completed');
  const events = runs.reduce((n, r) => n + r.events.length, 0);
  const start = Math.min(...runs.map((r) => r.sentAt));
  const end = Math.max(...runs.map((r) => r.terminal?.at ?? r.sentAt));
  return {
    runs: runs.length,
    completed: done.length,
    success_rate_percent: Math.round((done.length / runs.length) * 1000) / 10,
    wall_ms: end - start,
    events,
    events_per_second: Math.round(events / Math.max(0.001, (end - start) / 1000)),
    first_event_ms: latencySummary(runs.filter((r) => r.events.length).map((r) => r.events[0].at - r.sentAt)),
    completion_ms: latencySummary(done.map((r) => r.terminal!.at - r.sentAt)),
  };
}

/** The figures as the HTML report shows them: a table, and a chart of the latency percentiles. */
export function loadFiguresHtml(title: string, f: LoadFigures): string {
  const rows: [string, string][] = [
    ['Runs', `${f.completed} of ${f.runs} completed (${f.success_rate_percent}%)`],
    ['Wall time', `${f.wall_ms} ms`],
    ['Events', `${f.events} (${f.events_per_second} per second)`],
    ['First event', `p50 ${f.first_event_ms.p50} ms · p95 ${f.first_event_ms.p95} ms · p99 ${f.first_event_ms.p99} ms · max ${f.first_event_ms.max} ms`],
    ['Completion', `p50 ${f.completion_ms.p50} ms · p95 ${f.completion_ms.p95} ms · p99 ${f.completion_ms.p99} ms · max ${f.completion_ms.max} ms`],
  ];
  if (f.platform_peak_rss_mb !== undefined) rows.push(['Platform peak memory', `${f.platform_peak_rss_mb} MB resident`]);
  const table = `<table class="apex-load" style="border-collapse:collapse;font-family:sans-serif;font-size:12px">${rows.map(([k, v]) => `<tr><th style="text-align:left;padding:3px 10px 3px 0">${k}</th><td style="padding:3px">${v}</td></tr>`).join('')}</table>`;

  const bars = (['p50', 'p95', 'p99', 'max'] as const).flatMap((p) => [
    { label: `first ${p}`, value: f.first_event_ms[p], colour: '#3182ce' },
    { label: `done ${p}`, value: f.completion_ms[p], colour: '#38a169' },
  ]);
  const top = Math.max(1, ...bars.map((b) => b.value));
  const [width, barHeight, left] = [560, 16, 90];
  const height = bars.length * (barHeight + 4) + 24;
  const chart = `<svg xmlns="http://www.w3.org/2000/svg" class="apex-load-chart" width="${width}" height="${height}" style="font-family:sans-serif;font-size:11px;background:#fff">${bars
    .map((b, i) => {
      const y = 4 + i * (barHeight + 4);
      const w = Math.max(1, (b.value / top) * (width - left - 70));
      return `<text x="${left - 6}" y="${y + 12}" text-anchor="end">${b.label}</text><rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${b.colour}"/><text x="${(left + w + 4).toFixed(1)}" y="${y + 12}">${b.value} ms</text>`;
    })
    .join('')}<text x="${left}" y="${height - 4}" fill="#666">latency percentiles (ms), HDR histogram</text></svg>`;
  return `<div><b>${title}</b>${table}${chart}</div>`;
}
