import { firstRequests, preloadLinks, scriptSafe } from './first-answers';

describe('first answers', () => {
  it('asks for the session on every page, and for the page data of the pages people open first', () => {
    expect(firstRequests('/', false)).toEqual(['/api/auth/session', '/api/labs?limit=6']);
    expect(firstRequests('/bibliotheek', false)).toEqual(['/api/auth/session', '/api/library?limit=10&offset=0']);
    expect(firstRequests('/labs/12', false)).toEqual([
      '/api/auth/session',
      '/api/labs/12',
      '/api/labs/12/timeline?limit=200',
      '/api/labs/12/charts',
      '/api/labs/12/story-highlights',
      '/api/labs/12/dialogue-outcomes',
    ]);
    expect(firstRequests('/labs/12/waarnemingen', false)).toEqual(['/api/auth/session', '/api/labs/12']);
    expect(firstRequests('/labs/nieuw', false)).toEqual(['/api/auth/session']);
    expect(firstRequests('/bibliotheek', true)).toEqual(['/api/auth/session']);
    expect(firstRequests('/inloggen', false)).toEqual(['/api/auth/session']);
  });

  it('names the lazily loaded scripts of the lab and library pages', () => {
    const preloads = { lab: ['chunk-A.js'], library: ['chunk-B.js', 'chunk-C.js'] };
    expect(preloadLinks('/labs/3', preloads)).toBe('<link rel="modulepreload" href="chunk-A.js">');
    expect(preloadLinks('/labs/3/waarnemingen', preloads)).toBe('<link rel="modulepreload" href="chunk-A.js">');
    expect(preloadLinks('/bibliotheek', preloads)).toBe(
      '<link rel="modulepreload" href="chunk-B.js"><link rel="modulepreload" href="chunk-C.js">',
    );
    expect(preloadLinks('/', preloads)).toBe('');
    expect(preloadLinks('/labs/3', {})).toBe('');
  });

  it('keeps JSON from closing its script element', () => {
    const json = JSON.stringify({ name: '</script><script>alert(1)</script><!-- \u2028' });
    const safe = scriptSafe(json);
    expect(safe).not.toMatch(/<|\u2028/);
    expect(JSON.parse(safe)).toEqual(JSON.parse(json));
  });
});
