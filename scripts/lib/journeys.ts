import { readFileSync, writeFileSync } from 'node:fs';
import type { ScenarioOutcome, StatedScenario } from './messages';

export interface Journey {
  id: string;
  title: string;
  area: string;
}

/** The project's journey catalogue, docs/journeys.md: one "- ID Title: …" line a journey, under area headings. */
export function readCatalogue(file = 'docs/journeys.md'): Journey[] {
  const journeys: Journey[] = [];
  let area = '';
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) area = heading[1].replace(/\s*\(.*\)$/, '');
    const entry = /^-\s+([A-Z]+-\d+)\s+(.*)$/.exec(line);
    if (entry) journeys.push({ id: entry[1], title: entry[2], area });
  }
  return journeys;
}

/**
 * What a run says of a journey. Failing wins over everything: one failing scenario is a journey
 * that does not hold. Flaky: it held only on a retry. Skipped and not run are journeys this run
 * did not check, with the reason.
 */
export type JourneyStatus = 'passing' | 'failing' | 'flaky' | 'stated but not run' | 'not stated';

export interface Coverage {
  journey: Journey;
  status: JourneyStatus;
  /** Why a journey stated by scenarios was not checked by this run. */
  reason?: string;
  scenarios: ScenarioOutcome[];
  notRun: StatedScenario[];
}

export function coverageOf(catalogue: Journey[], ran: ScenarioOutcome[], stated: StatedScenario[], tagExpression: string): Coverage[] {
  return catalogue.map((journey) => {
    const tag = `@${journey.id}`;
    const scenarios = ran.filter((s) => s.tags.includes(tag));
    const notRun = stated.filter((s) => s.tags.includes(tag) && !ran.some((r) => r.uri === s.uri && r.name === s.name));
    const checked = scenarios.filter((s) => s.status !== 'SKIPPED');
    let status: JourneyStatus;
    let reason: string | undefined;
    if (checked.some((s) => s.status !== 'PASSED')) status = 'failing';
    else if (checked.some((s) => s.attempts > 1)) status = 'flaky';
    else if (checked.length) status = 'passing';
    else if (scenarios.length) [status, reason] = ['stated but not run', `every scenario was skipped: ${scenarios[0].skipReason ?? 'no reason given'}`];
    else if (notRun.length) [status, reason] = ['stated but not run', `the tag expression "${tagExpression || 'none'}" left out its ${notRun.length} scenario${notRun.length === 1 ? '' : 's'} (tagged ${[...new Set(notRun.flatMap((s) => s.tags))].filter((t) => !/^@[A-Z]+-\d+$/.test(t)).join(' ')})`];
    else status = 'not stated';
    return { journey, status, reason, scenarios, notRun };
  });
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const COLOURS: Record<string, string> = { PASSED: '#2f855a', FAILED: '#c53030', SKIPPED: '#718096', FLAKY: '#d69e2e', passing: '#2f855a', failing: '#c53030', flaky: '#d69e2e' };
const ORDER: JourneyStatus[] = ['failing', 'flaky', 'not stated', 'stated but not run', 'passing'];

/**
 * The journey page: every journey with its status and its scenarios, each linked to its feature's
 * page in the report; failing journeys first. `pageOf` gives a feature file's page, if it has one.
 */
export function writeCoveragePage(file: string, coverage: Coverage[], context: string, pageOf: (uri: string) => string | undefined): void {
  const link = (uri: string, text: string) => {
    const page = pageOf(uri);
    return page ? `<a href="${page}">${escape(text)}</a>` : escape(text);
  };
  const rows = [...coverage].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status)).map(({ journey, status, reason, scenarios, notRun }) => {
    const items = [
      ...scenarios.map((s) => {
        const label = s.status === 'PASSED' && s.attempts > 1 ? 'FLAKY' : s.status;
        return `<li><span style="color:${COLOURS[label] ?? '#333'};font-weight:600">${label.toLowerCase()}</span> ${link(s.uri, s.name)} <small>(${escape(s.uri)})</small></li>`;
      }),
      ...notRun.map((s) => `<li><span style="color:#718096;font-weight:600">not run</span> ${escape(s.name)} <small>(${escape(s.uri)}:${s.line})</small></li>`),
    ];
    const list = items.length ? items.join('') : '<li><em>no scenario states this journey</em></li>';
    return `<tr class="${status.replace(/ /g, '-')}"><td><b>${journey.id}</b><br><small>${escape(journey.area)}</small></td><td>${escape(journey.title)}</td><td><span style="color:${COLOURS[status] ?? '#718096'};font-weight:700">${status}</span>${reason ? `<br><small>${escape(reason)}</small>` : ''}</td><td><ul>${list}</ul></td></tr>`;
  });
  const counts = ORDER.map((status) => [status, coverage.filter((c) => c.status === status).length] as const).filter(([, n]) => n > 0);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Apex Specs: journeys</title>
<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;vertical-align:top;text-align:left}tr.failing,tr.not-stated{background:#fff5f5}ul{margin:0;padding-left:1.2em}</style></head>
<body><h1>Journeys</h1><p>${escape(context)}</p>
<p id="summary">${coverage.length} journeys: ${counts.map(([status, n]) => `${n} ${status}`).join(', ')}. <a href="index.html">Back to the report</a></p>
<table><thead><tr><th>Journey</th><th>Behaviour</th><th>Status</th><th>Scenarios and their last result</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
  writeFileSync(file, html);
}

/** "49 journeys: 48 passing, 1 stated but not run", for the report's summary and the console. */
export function journeySummary(coverage: Coverage[]): string {
  return `${coverage.length} journeys: ${ORDER.map((status) => [status, coverage.filter((c) => c.status === status).length] as const).filter(([, n]) => n > 0).map(([status, n]) => `${n} ${status}`).join(', ')}`;
}
