import { deviations } from './hypotheses.service';

describe('hypothesis deviations', () => {
  const registered = { ifWe: 'a', then: 'b', because: 'c', wouldChangeMind: null };

  it('is empty while the wording is as registered', () => {
    expect(deviations({ ...registered }, registered)).toEqual([]);
  });

  it('names each part that was edited after registration', () => {
    expect(deviations({ ...registered, then: 'B', wouldChangeMind: 'x' }, registered)).toEqual([
      'then',
      'wouldChangeMind',
    ]);
  });
});
