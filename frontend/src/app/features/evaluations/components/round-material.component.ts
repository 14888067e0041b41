import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Round, Schemas } from '../../../core/api/api';
import { LocalNumberPipe } from '../../../core/i18n/local-date.pipe';

/** What a round looks back on: each iteration's stages, with its stories and measures. */
@Component({
  selector: 'app-round-material',
  imports: [LocalNumberPipe, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './round-material.component.html',
})
export class RoundMaterialComponent {
  readonly iterations = input.required<Round['iterations']>();
  readonly material = input.required<Schemas['MaterialItemDto'][]>();
  /** Its own heading; not when it sits folded under a summary that already says what it is. */
  readonly heading = input(true);
  /** The stories and measures per iteration. */
  protected readonly materialFor = computed(() => {
    const map = new Map<number | null, Schemas['MaterialItemDto'][]>();
    for (const m of this.material()) map.set(m.iterationId, [...(map.get(m.iterationId) ?? []), m]);
    return map;
  });
}
