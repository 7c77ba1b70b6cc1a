import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dunning, tempDir, writeCsv } from '../helpers.js';

/**
 * The HTML report in a real browser: headless Chromium (Debian package `chromium`). Installed
 * with apt-get when the tests run as root and it is missing; otherwise these tests are skipped,
 * and say why.
 */
function findChromium(): string | null {
  const known = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (known) return known;
  if (process.getuid?.() !== 0) return null;
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'ignore', timeout: 600_000 });
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('test/report/html.test.ts: skipped, no Chromium (install the Debian package `chromium`, or run the tests as root to have it installed)');

function chromium(args: string[]) {
  const profile = tempDir('dunning-chromium-');
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
  return spawnSync(CHROMIUM!, [...flags, ...args], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 << 20 });
}

describe.skipIf(!CHROMIUM)('the HTML report in headless Chromium', () => {
  const dir = tempDir();
  writeCsv(dir, 'export.csv', [
    'F-1,fernwood,Fernwood Design,ap@fernwood.example,2025-12-01,2025-12-31,GBP,1000.00,400.00',
    'F-2,fernwood,Fernwood Design,ap@fernwood.example,2026-01-10,2026-02-09,GBP,250.00,',
    'S-1,sakura,Sakura K.K.,ap@sakura.example,2025-11-20,2025-12-20,JPY,120000,',
    'M-1,manama,<b>Manama</b> & Co,ap@manama.example,2026-01-02,2026-02-01,BHD,1234.567,',
  ]);
  dunning(dir, ['import', 'export.csv', '--as-of', '2026-02-01']);
  const page = join(dir, 'report.html');
  const made = dunning(dir, ['report', '--html', page, '--as-of', '2026-02-28']);

  it('is one self-contained page: no script, nothing fetched, the customer data escaped', () => {
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toContain(`Wrote ${page}`);
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/<script|\bsrc=|\bhref=|@import|url\(/i);
    expect(html).toContain('&lt;b&gt;Manama&lt;/b&gt; &amp; Co');
    expect(html).toContain('@media print');
  });

  it('renders the figures: Chromium\'s DOM shows the aging, the charts, DSO, CEI and the customers', () => {
    const r = chromium(['--dump-dom', `file://${page}`]);
    expect(r.status, r.stderr).toBe(0);
    const dom = r.stdout;
    expect(dom).toContain('Receivables report');
    // GBP on 28 Feb: F-1 600.00 is 59 days late, F-2 250.00 19 days; BHD 1,234.567 27 days; JPY 120,000 70 days.
    expect(dom).toMatch(/<td[^>]*>GBP<\/td><td class="n">0\.00<\/td><td class="n">250\.00<\/td><td class="n">600\.00<\/td>/);
    expect(dom).toContain('1234.567');
    expect(dom).toMatch(/<td[^>]*>JPY<\/td>(<td class="n">0<\/td>){3}<td class="n">120000<\/td>/);
    expect((dom.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(5); // three aging charts, DSO, CEI
    expect(dom).toContain('Days sales outstanding (countback)');
    expect(dom).toContain('Collection effectiveness index');
    expect(dom).toContain('<b>Manama</b> &amp; Co'.replace('<b>', '&lt;b&gt;').replace('</b>', '&lt;/b&gt;'));
  });

  it('takes a screenshot of the rendered page', () => {
    const shot = join(dir, 'report.png');
    const r = chromium([`--screenshot=${shot}`, '--window-size=1000,1800', '--hide-scrollbars', `file://${page}`]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  });
});
