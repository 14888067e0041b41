import { DialogueNotifier } from './dialogue-notifier';

describe(DialogueNotifier.name, () => {
  it('raises the mark and wakes the streams once per new mark: an echo or an older id wakes nobody', () => {
    const sut = new DialogueNotifier();
    const wakes: number[] = [];
    sut.subscribe(7, () => wakes.push(sut.high(7)!));
    sut.committedUpTo(7, 10);
    sut.committedUpTo(7, 10);
    sut.committedUpTo(7, 9);
    sut.committedUpTo(7, 12);
    expect(wakes).toEqual([10, 12]);
    expect(sut.high(7)).toBe(12);
  });

  it('seeds a mark only where none is known, and keeps a raised mark against a late, lower seed', () => {
    const sut = new DialogueNotifier();
    expect(sut.high(1)).toBeUndefined();
    sut.committedUpTo(1, 11);
    sut.seed(1, 10);
    expect(sut.high(1)).toBe(11);
    sut.seed(2, 4);
    expect(sut.high(2)).toBe(4);
  });

  it('knows every mark once all were read at boot: a dialogue without one has no events yet', () => {
    const sut = new DialogueNotifier();
    sut.seedAll(new Map([[3, 30]]));
    expect(sut.high(3)).toBe(30);
    expect(sut.high(4)).toBe(0);
  });

  it('forgets the marks of dialogues no stream follows, and keeps those of the followed ones', () => {
    const sut = new DialogueNotifier();
    sut.committedUpTo(1, 5);
    sut.committedUpTo(2, 6);
    const stop = sut.subscribe(2, () => undefined);
    sut.subscribe(3, () => undefined);
    expect(sut.watched().sort()).toEqual([2, 3]);
    sut.forgetUnwatched();
    expect(sut.high(1)).toBeUndefined();
    expect(sut.high(2)).toBe(6);
    stop();
    expect(sut.watched()).toEqual([3]);
  });
});
