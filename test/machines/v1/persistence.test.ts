import { initialTransition, transition } from 'xstate';
import {
  MACHINE_VERSION,
  fromPersisted,
  secondmentMachine,
  statusCode,
  toEffects,
  toPersisted,
  type PersistedSecondment,
} from '../../../machines/secondment/v1';
import { P, nomination } from './support/fixtures';
import { posted } from './support/scenarios';
import { usefulEvents } from './support/generators';

describe('persistence (快照持久化)', () => {
  test('a persisted snapshot is plain JSON with the machine version', () => {
    const d = posted();
    const p = toPersisted(d.snapshot);
    expect(p.machineVersion).toBe(MACHINE_VERSION);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  test('a restored snapshot behaves exactly like the original', () => {
    // Arrange
    const d = posted(nomination({ policy: 'demo' }));
    const restored = fromPersisted(
      JSON.parse(JSON.stringify(toPersisted(d.snapshot))) as PersistedSecondment,
    );
    expect(statusCode(restored)).toBe('IN_SERVICE');
    // Act: the same ten steps on both
    let a = d.snapshot;
    let b = restored;
    for (let i = 0; i < 10; i += 1) {
      const e = usefulEvents(a)[0]!;
      const [na, fa] = transition(secondmentMachine, a, e);
      const [nb, fb] = transition(secondmentMachine, b, e);
      // Assert
      expect(toEffects(fb)).toEqual(toEffects(fa));
      expect(nb.value).toEqual(na.value);
      expect(nb.context).toEqual(na.context);
      a = na;
      b = nb;
    }
  });

  test('an unknown future version is refused rather than guessed', () => {
    const [s] = initialTransition(secondmentMachine, nomination());
    expect(() => fromPersisted({ ...toPersisted(s), machineVersion: MACHINE_VERSION + 1 })).toThrow(
      /version/,
    );
    void P;
  });
});
