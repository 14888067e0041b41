import { suggestMaturity } from './learnings.service';

describe('suggestMaturity', () => {
  it('calls one iteration an anecdote (emerging)', () => {
    expect(
      suggestMaturity([
        { labId: 1, iterationId: 3 },
        { labId: 1, iterationId: null },
      ]),
    ).toEqual({ maturity: 'emerging', iterations: 1, labs: 1 });
  });

  it('calls several iterations of one lab recurring', () => {
    expect(
      suggestMaturity([
        { labId: 1, iterationId: 3 },
        { labId: 1, iterationId: 4 },
      ]).maturity,
    ).toBe('recurring');
  });

  it('calls evidence from several labs substantiated (confirmed across labs)', () => {
    expect(
      suggestMaturity([
        { labId: 1, iterationId: 3 },
        { labId: 2, iterationId: null },
      ]).maturity,
    ).toBe('confirmed');
  });
});
