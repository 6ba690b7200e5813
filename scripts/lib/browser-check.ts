import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { CheckResult } from './checks';
import { REPORTS } from './reports';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Opens the reviewer's report in a real browser: the feature and scenario counts it shows must
 * be the run's, a timeline picture must render, and a screenshot is kept under reports/.
 */
/**
 * Starts Chromium, if the machine has it, so that it can come up while the report is written.
 * Whoever starts it passes it to browserCheck, which closes it.
 */
export async function launchChromium(): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const { chromium } = await import('playwright-core');
  // These flags keep Chromium off the network, which this machine does not have.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function browserCheck(expected: { features: number; scenarios: number }, launched = launchChromium()): Promise<CheckResult> {
  const browser = await launched;
  if (!browser) return { name: 'browser', ok: true, skipped: true, detail: `skipped: no Chromium at ${CHROMIUM} (install Debian's chromium, as .ci/run does)` };
  const index = resolve(REPORTS, 'html', 'index.html');
  try {
    if (!existsSync(index)) return { name: 'browser', ok: false, detail: 'no HTML report to open' };
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(pathToFileURL(index).toString());
    const [features, scenarios] = await page.locator('.total').allInnerTexts();
    const problems: string[] = [];
    if (Number(features) !== expected.features) problems.push(`it shows ${features} features, the run had ${expected.features}`);
    if (Number(scenarios) !== expected.scenarios) problems.push(`it shows ${scenarios} scenarios, the run had ${expected.scenarios}`);
    await page.screenshot({ path: join(REPORTS, 'report-overview.png'), fullPage: true });

    // A feature page whose scenarios carry a timeline: open its first picture and measure it.
    const featuresDir = join(REPORTS, 'html', 'features');
    const withTimeline = readdirSync(featuresDir).find((file) => /class="apex-timeline"[^]*?<circle/.test(readFileSync(join(featuresDir, file), 'utf8')));
    if (!withTimeline) {
      problems.push('no feature page carries a timeline picture');
    } else {
      await page.goto(pathToFileURL(join(featuresDir, withTimeline)).toString());
      // A run the platform refused has no events; the picture to check is one with some.
      const picture = page.locator('svg.apex-timeline:has(circle)').first();
      // Open the first scenario and its step details, as a reviewer would by clicking.
      const scenario = picture.locator('xpath=ancestor::div[contains(@class,"x_panel")]').first();
      await scenario.locator('.collapse-link').first().click();
      const details = picture.locator('xpath=ancestor::div[contains(@class,"scenario-step-collapse")]').first();
      const toggle = scenario.locator(`a[href="#${await details.getAttribute('id')}"]`).first();
      await toggle.click();
      await picture.waitFor({ state: 'visible', timeout: 5000 });
      await picture.scrollIntoViewIfNeeded();
      const box = await picture.boundingBox();
      const dots = await picture.locator('circle').count();
      if (!box || box.width < 100 || box.height < 40 || dots === 0) problems.push(`the timeline picture did not render (box ${JSON.stringify(box)}, ${dots} events drawn)`);
      await scenario.screenshot({ path: join(REPORTS, 'report-timeline.png') });
    }
    return problems.length
      ? { name: 'browser', ok: false, detail: problems.join('; ') }
      : { name: 'browser', ok: true, detail: `Chromium shows the ${features} features and ${scenarios} scenarios this run ran, and a timeline picture; screenshots in ${REPORTS}/report-*.png` };
  } finally {
    await browser.close();
  }
}
