import { slugify } from './labs.service';

describe('slugify', () => {
  it('makes readable, ascii slugs from Dutch names', () => {
    expect(slugify('Samen eten in de wijk Den Haag')).toBe('samen-eten-in-de-wijk-den-haag');
    expect(slugify('Café “De Óude Brug”!')).toBe('cafe-de-oude-brug');
  });

  it('never returns an empty slug', () => {
    expect(slugify('!!!')).toBe('lab');
    expect(slugify('日本')).toBe('lab');
  });
});
