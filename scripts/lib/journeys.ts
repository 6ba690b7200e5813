import { readFileSync, writeFileSync } from 'node:fs';
import type { ScenarioOutcome } from './messages';

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

export interface Coverage {
  journey: Journey;
  scenarios: ScenarioOutcome[];
  /** Whether some scenario of the journey passed, first time or on its one retry. */
  covered: boolean;
}

export function coverageOf(catalogue: Journey[], scenarios: ScenarioOutcome[]): Coverage[] {
  return catalogue.map((journey) => {
    const mine = scenarios.filter((s) => s.tags.includes(`@${journey.id}`));
    return { journey, scenarios: mine, covered: mine.some((s) => s.status === 'PASSED') };
  });
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const COLOURS: Record<string, string> = { PASSED: '#2f855a', FAILED: '#c53030', SKIPPED: '#718096', FLAKY: '#d69e2e' };

/** The journey coverage page: every journey with its scenarios and their last result; uncovered ones marked. */
export function writeCoveragePage(file: string, coverage: Coverage[], context: string): void {
  const uncovered = coverage.filter((c) => !c.covered);
  const rows = coverage.map(({ journey, scenarios, covered }) => {
    const list = scenarios.length
      ? scenarios.map((s) => {
          const label = s.status === 'PASSED' && s.attempts > 1 ? 'FLAKY' : s.status;
          return `<li><span style="color:${COLOURS[label] ?? '#333'};font-weight:600">${label.toLowerCase()}</span> ${escape(s.name)} <small>(${escape(s.uri)})</small></li>`;
        }).join('')
      : '<li><em>no scenario states this journey</em></li>';
    return `<tr${covered ? '' : ' class="uncovered"'}><td><b>${journey.id}</b><br><small>${escape(journey.area)}</small></td><td>${escape(journey.title)}</td><td>${covered ? '✔ covered' : '✘ NOT COVERED'}</td><td><ul>${list}</ul></td></tr>`;
  });
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Apex Specs: journey coverage</title>
<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;vertical-align:top;text-align:left}tr.uncovered{background:#fff5f5}tr.uncovered td:nth-child(3){color:#c53030;font-weight:700}ul{margin:0;padding-left:1.2em}</style></head>
<body><h1>Journey coverage</h1><p>${escape(context)}</p>
<p id="summary">${coverage.length - uncovered.length} of ${coverage.length} journeys have a passing scenario${uncovered.length ? `; not covered: ${uncovered.map((c) => c.journey.id).join(', ')}` : ''}. <a href="index.html">Back to the report</a></p>
<table><thead><tr><th>Journey</th><th>Behaviour</th><th>Status</th><th>Scenarios and their last result</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
  writeFileSync(file, html);
}
