import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { codeOfMessage } from './field-errors';

/** Every field error message the backend throws itself, as written in its source (`${…}` filled with an example). */
function thrownMessages(dir: string): { file: string; message: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : thrownMessages(path);
    if (!/\.ts$/.test(name) || /\.spec\.ts$|\.dto\.ts$|app-config\.ts$/.test(name)) return [];
    const text = readFileSync(path, 'utf8');
    return [...text.matchAll(/field: [^,]+,\s*(?:code: [^,]+,\s*)?message:\s*(?:'([^']*)'|`([^`]*)`|"([^"]*)")/g)].map(
      (m) => ({ file: name, message: (m[1] ?? m[2] ?? m[3]).replace(/\$\{[^}]*\}/g, '3') }),
    );
  });
}

describe('field error codes of the product’s own messages', () => {
  const messages = thrownMessages(join(__dirname, '..'));

  it('finds the messages the services throw', () => {
    expect(messages.length).toBeGreaterThan(30);
  });

  it('gives every one of them a code more precise than invalid, so the dashboard can word it', () => {
    const uncoded = messages.filter(({ message }) => codeOfMessage(message).code === 'invalid');
    expect(uncoded).toEqual([]);
  });

  it('reads the numbers the words need', () => {
    expect(codeOfMessage('choose a password of at least 12 characters')).toEqual({
      code: 'too_short',
      params: { min: 12 },
    });
    expect(codeOfMessage('is not an iteration of this lab').code).toBe('not_available');
    expect(codeOfMessage('something new').code).toBe('invalid');
  });
});
