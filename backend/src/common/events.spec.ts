import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import type { Tx } from '../database/db';
import { Events, OnDomainEvent } from './events';

@Injectable()
class Listener {
  seen: number[] = [];
  fail = false;

  @OnDomainEvent('participant.erased')
  async erased({ participantId }: { participantId: number }) {
    await Promise.resolve();
    if (this.fail) throw new Error('listener failed');
    this.seen.push(participantId);
  }
}

describe('Events', () => {
  async function setup() {
    @Module({ imports: [EventEmitterModule.forRoot({ ignoreErrors: false })], providers: [Events, Listener] })
    class TestModule {}
    const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.init();
    return { sut: app.get(Events), listener: app.get(Listener) };
  }

  it('waits for the listeners before the write goes on', async () => {
    const { sut, listener } = await setup();
    await sut.emit('participant.erased', { tx: {} as Tx, labId: 1, participantId: 7 });
    expect(listener.seen).toEqual([7]);
  });

  it('lets a failing listener fail the write, so its transaction rolls back', async () => {
    const { sut, listener } = await setup();
    listener.fail = true;
    await expect(sut.emit('participant.erased', { tx: {} as Tx, labId: 1, participantId: 7 })).rejects.toThrow(
      'listener failed',
    );
  });
});
