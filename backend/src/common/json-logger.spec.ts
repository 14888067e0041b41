import { JsonLogger, redact } from './json-logger';

describe(JsonLogger.name, () => {
  it('writes one JSON object per line with level and context', () => {
    const lines: string[] = [];
    const sut = new JsonLogger('info', (l) => lines.push(l));
    sut.log({ msg: 'hello', userId: 3 }, 'test');
    sut.debug('hidden at info level');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', context: 'test', msg: 'hello', userId: 3 });
  });

  it('redacts personal data and secrets, also nested', () => {
    expect(redact({ email: 'a@b.nl', nested: { password: 'x', storyText: 'mijn verhaal', count: 2 } })).toEqual({
      email: '[redacted]',
      nested: { password: '[redacted]', storyText: '[redacted]', count: 2 },
    });
  });
});
