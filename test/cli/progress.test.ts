import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { io: { stderr: (t: string) => void written.push(t), stderrIsTTY: isTTY }, written };
}

describe('the progress bar of long work', () => {
  it('draws on a terminal, at most once per whole percent, and clears its line when done', () => {
    const t = terminal(true);
    const bar = progressBar('drafting letters', t.io, {});
    for (let done = 0; done <= 2500; done += 5) bar.update(done, 2500);
    bar.finish();
    expect(t.written).toHaveLength(102); // 0..100 percent, then the clearing
    expect(t.written[50]).toBe('\rdrafting letters [###############...............] 1,250/2,500');
    expect(t.written.at(-1)).toBe('\r\x1b[2K');
  });

  it.each([
    ['in cron (stderr is not a terminal)', false, {}],
    ['with --quiet', true, { quiet: true }],
    ['with --json', true, { json: true }],
  ])('writes nothing %s', (_, isTTY, opts) => {
    const t = terminal(isTTY);
    const bar = progressBar('drafting letters', t.io, opts);
    bar.update(10, 20);
    bar.finish();
    expect(t.written).toEqual([]);
  });
});
