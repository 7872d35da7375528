/**
 * Runs async steps of a workflow one at a time, in arrival order. Update handlers and timer
 * callbacks interleave at every await; without this, two of them could read the same machine
 * snapshot and one transition would be lost.
 */
export function createSerializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return function runExclusive<T>(step: () => Promise<T>): Promise<T> {
    const result = tail.then(step);
    tail = result.catch(() => undefined);
    return result;
  };
}
