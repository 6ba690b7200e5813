import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { ScenarioOutcome } from './messages';

/**
 * A failure message as a reader needs it: the message and the project's own frames, relative to
 * the project, without the frames of libraries and of Node itself.
 */
export function readableMessage(message: string, root = process.cwd()): string {
  return message
    .split('\n')
    .filter((line) => !/^\s+at /.test(line) || !/node_modules|node:internal|\(node:|<anonymous>/.test(line))
    .map((line) => line.split(`${root}/`).join('').split(root).join('.'))
    .join('\n')
    .trim();
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const FOOTER = '<div class="created-by"><p>Apex Specs: the behaviour specification of the Netra Apex platform. How to read this report: README.md, "The report"; the journeys: docs/journeys.md.</p></div>';

/**
 * What the generated report lacks: on its first page, the failures (each with its failing step's
 * message and a link to its evidence) and the skips with their reasons, above everything else; and
 * on every page, the project's own footer instead of the reporter's author.
 */
export function finishReportPages(dir: string, scenarios: ScenarioOutcome[], pageOf: (uri: string) => string | undefined): void {
  const link = (s: ScenarioOutcome) => {
    const page = pageOf(s.uri);
    return page ? `<a href="${page}">${escape(s.name)}</a>` : escape(s.name);
  };
  const failed = scenarios.filter((s) => s.status !== 'PASSED' && s.status !== 'SKIPPED');
  const skipped = scenarios.filter((s) => s.status === 'SKIPPED');
  const failures = failed.length
    ? `<div class="x_panel" id="failures" style="border:2px solid #c53030"><h2 style="color:#c53030">${failed.length} failed</h2><ol>${failed
        .map((s) => `<li><b>${link(s)}</b> <small>(${escape(s.uri)})</small><br>${s.failedStep ? `failed at: <i>${escape(s.failedStep)}</i>` : escape(s.status.toLowerCase())}<pre style="white-space:pre-wrap">${escape(readableMessage(s.errors[0] ?? ''))}</pre></li>`)
        .join('')}</ol></div>`
    : '<div class="x_panel" id="failures"><h2 style="color:#2f855a">No scenario failed</h2></div>';
  const skips = skipped.length
    ? `<div class="x_panel" id="skips"><h2>${skipped.length} skipped</h2><ul>${skipped.map((s) => `<li>${link(s)}: ${escape(s.skipReason ?? 'no reason given')}</li>`).join('')}</ul></div>`
    : '';
  const partly = scenarios.filter((s) => s.status === 'PASSED' && s.notChecked.length);
  const notChecked = partly.length
    ? `<div class="x_panel" id="not-checked"><h2>${partly.length} passed with checks not made</h2><ul>${partly.map((s) => `<li>${link(s)}: not checked: ${escape([...new Set(s.notChecked)].join('; '))}</li>`).join('')}</ul></div>`
    : '';
  const pages = [`${dir}/index.html`, ...readdirSync(`${dir}/features`).map((f) => `${dir}/features/${f}`)];
  for (const page of pages) {
    let html = readFileSync(page, 'utf8').replace(/<div class="created-by">[\s\S]*?<\/div>/, FOOTER);
    if (page.endsWith('/index.html')) html = html.replace('<div class="main_container">', `<div class="main_container"><div class="row"><div class="col-xs-12">${failures}${skips}${notChecked}</div></div>`);
    writeFileSync(page, html);
  }
}
