// Machine version 1 is frozen: recorded v1 histories replay against it and v1 cases still running
// step through it until they are migrated. Any change to its files is a change of v1 behaviour
// (or at least of what we can vouch for), so this digest of the folder must not move.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', 'machines', 'secondment', 'v1');
const FROZEN_DIGEST = 'dbb3290a4baff0b346149d171cae68a60e8dd811dbeb1bb500b2c6180dd21e50';

function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    })
    .sort();
}

test('machines/secondment/v1 is unchanged (frozen: fixes go into version 2)', () => {
  const hash = createHash('sha256');
  for (const f of files(ROOT))
    hash
      .update(`${relative(ROOT, f)}\n`)
      .update(readFileSync(f))
      .update('\n');
  expect(hash.digest('hex')).toBe(FROZEN_DIGEST);
});
