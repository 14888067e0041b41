import { JsonLogger } from './json-logger';

describe(JsonLogger.name, () => {
  const logged = (write: (sut: JsonLogger) => void) => {
    const lines: string[] = [];
    write(new JsonLogger('info', (l) => lines.push(l)));
    return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  };

  it('writes one JSON object per line with level and context', () => {
    const lines = logged((sut) => {
      sut.log({ msg: 'hello', userId: 3 }, 'test');
      sut.debug('hidden at info level');
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', context: 'test', msg: 'hello', userId: 3 });
    expect(typeof lines[0]['time']).toBe('string');
  });

  it('redacts personal data and secrets, also nested', () => {
    const [line] = logged((sut) =>
      sut.log({ email: 'a@b.nl', nested: { password: 'x', storyText: 'mijn verhaal', count: 2 } }, 'test'),
    );
    expect(line).toMatchObject({
      email: '[redacted]',
      nested: { password: '[redacted]', storyText: '[redacted]', count: 2 },
    });
    expect(JSON.stringify(line)).not.toContain('mijn verhaal');
  });

  it('redacts in lists and five levels down, as deep as the old logger did', () => {
    const [line] = logged((sut) =>
      sut.log({ rows: [{ contact: '06-123' }], a: { b: { c: { d: { e: { pseudonym: 'Kim' } } } } } }, 'test'),
    );
    expect(JSON.stringify(line)).not.toMatch(/06-123|Kim/);
  });

  it('logs plain messages and errors without their stack', () => {
    const lines = logged((sut) => {
      sut.warn('careful', 'ctx');
      sut.error(new Error('broke'), 'Error: broke\n    at somewhere', 'ctx');
    });
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'careful', context: 'ctx' });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'broke', context: 'ctx' });
    expect(JSON.stringify(lines[1])).not.toContain('somewhere');
  });
});
