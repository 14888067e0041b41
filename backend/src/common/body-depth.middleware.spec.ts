import { depthExceeds } from './body-depth.middleware';

describe('depthExceeds', () => {
  it('measures nesting of objects and arrays without recursion', () => {
    expect(depthExceeds({ a: { b: [1, { c: 2 }] } }, 4)).toBe(false);
    expect(depthExceeds({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(depthExceeds(deep, 32)).toBe(true);
  });
});
