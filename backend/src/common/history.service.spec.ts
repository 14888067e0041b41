import { diff } from './history.service';

describe('history diff', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(diff({ name: 'a', themes: ['x'], version: 1 }, { name: 'b', themes: ['x'], version: 2 })).toEqual({
      name: { from: 'a', to: 'b' },
    });
  });

  it('records every field on create and on delete', () => {
    expect(diff(null, { name: 'a' })).toEqual({ name: { from: null, to: 'a' } });
    expect(diff({ name: 'a' }, null)).toEqual({ name: { from: 'a', to: null } });
  });

  it('compares arrays by content', () => {
    expect(diff({ themes: ['a', 'b'] }, { themes: ['a', 'c'] })).toEqual({
      themes: { from: ['a', 'b'], to: ['a', 'c'] },
    });
  });
});
