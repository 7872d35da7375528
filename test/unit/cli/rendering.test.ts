import { PassThrough, Writable } from 'node:stream';
import { Output } from '../../../cli/output';
import { progress, renderBar } from '../../../cli/progress';
import { displayWidth, renderFields, renderTable, truncate } from '../../../cli/table';

/** The CLI's terminal rendering: column widths with Chinese text, and the progress display. */

test('Chinese characters and full-width punctuation take two columns; combining marks none', () => {
  expect(displayWidth('abc')).toBe(3);
  expect(displayWidth('状态 / Status')).toBe(13);
  expect(displayWidth('（已延期）')).toBe(10);
  expect(displayWidth('e\u0301')).toBe(1);
  expect(truncate('审批挂职推荐 / decide', 9)).toBe('审批挂职…');
  expect(displayWidth(truncate('审批挂职推荐 / decide', 9))).toBeLessThanOrEqual(9);
  expect(truncate('short', 9)).toBe('short');
});

test('table columns line up on screen whatever mix of Chinese and Latin text they hold', () => {
  const text = renderTable(
    [{ header: '案件 / Case' }, { header: '状态 / Status' }, { header: '序号 / Seq', align: 'right' }],
    [
      ['c1', '挂职中', '7'],
      ['c-longer-id', 'POSTING', '12'],
    ],
  );
  const lines = text.split('\n');
  expect(lines).toHaveLength(4);
  // Where the second column starts, in terminal columns, on every line.
  const starts = lines.map((l) => {
    const m = /^(\S+(?: \/ \S+)?)\s+/.exec(l) ?? /^(-+)\s+/.exec(l);
    return displayWidth(m?.[0] ?? '');
  });
  expect(new Set(starts).size).toBe(1);
  // Right-aligned numbers end in the same column; no trailing blanks.
  expect(new Set(lines.map((l) => displayWidth(l))).size).toBe(1);
  expect(lines.every((l) => l === l.trimEnd())).toBe(true);
});

test('field blocks align values after zh-CN labels', () => {
  const lines = renderFields([
    ['案件 / Case', 'c1'],
    ['下一期限 / Next deadline', '2026-05-01 09:00'],
  ]).split('\n');
  expect(displayWidth((lines[0] ?? '').slice(0, (lines[0] ?? '').indexOf('c1')))).toBe(
    displayWidth((lines[1] ?? '').slice(0, (lines[1] ?? '').indexOf('2026'))),
  );
});

function capture(isTTY: boolean) {
  let text = '';
  const stream = Object.assign(new Writable({ write: (chunk: Buffer, _enc, done) => done() }), {
    isTTY,
    columns: 100,
    write: (chunk: string) => ((text += chunk), true),
  });
  return { stream, text: () => text };
}

test('on a terminal the progress bar is redrawn in place; elsewhere one line per case', () => {
  expect(renderBar(1, 4, 8)).toBe('[##......] 1/4  25%');
  expect(renderBar(0, 0, 4)).toBe('[####] 0/0 100%');

  const tty = capture(true);
  const bar = progress(2, new Output(false, new PassThrough(), tty.stream));
  bar.step('c1 已变更 / changed');
  bar.step('c2 失败 / failed');
  bar.done();
  expect(tty.text()).toContain('\r');
  expect(tty.text()).toContain('2/2 100%');
  expect(tty.text().endsWith('\n')).toBe(true);

  const pipe = capture(false);
  const lines = progress(2, new Output(false, new PassThrough(), pipe.stream));
  lines.step('c1 已变更 / changed');
  lines.step('c2 失败 / failed');
  expect(pipe.text()).toBe('[1/2] c1 已变更 / changed\n[2/2] c2 失败 / failed\n');

  const json = capture(false);
  progress(1, new Output(true, new PassThrough(), json.stream)).step('c1');
  expect(json.text()).toBe('');
});
