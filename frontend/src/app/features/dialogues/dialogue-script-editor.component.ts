import { ChangeDetectionStrategy, Component, effect, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Prompt, ScriptStep } from './dialogue-state';

const STEP_TYPES: ScriptStep['type'][] = ['welcome', 'notes', 'cluster', 'dots', 'tags', 'matrix', 'queue', 'closing'];
const PROMPTS: Prompt[] = [
  'ontkiemd',
  'knel',
  'hkw',
  'example',
  'case',
  'tip',
  'question',
  'open-1',
  'open-2',
  'open-3',
  'open-4',
  'open-5',
];

/** Edits a table's script: the steps in order, each with its kind, its prompt (for notes) and its own words. */
@Component({
  selector: 'app-dialogue-script-editor',
  imports: [FormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="script-editor" (submit)="$event.preventDefault(); submit()">
      <ol class="script-steps" data-testid="script-editor">
        @for (s of draft(); track $index; let i = $index) {
          <li>
            <fieldset>
              <legend>{{ 'dialogue.scriptStep' | transloco: { n: i + 1 } }}</legend>
              <div class="script-row">
                <div class="utrecht-form-field">
                  <label class="utrecht-form-label" [for]="'st-type-' + i">{{
                    'dialogue.scriptType' | transloco
                  }}</label>
                  <select
                    class="utrecht-select"
                    [id]="'st-type-' + i"
                    [name]="'type-' + i"
                    [ngModel]="s.type"
                    (ngModelChange)="setType(i, $event)"
                  >
                    @for (t of types; track t) {
                      <option [ngValue]="t">{{ 'dialogue.steps.' + t | transloco }}</option>
                    }
                  </select>
                </div>
                @if (s.type === 'notes') {
                  <div class="utrecht-form-field">
                    <label class="utrecht-form-label" [for]="'st-prompt-' + i">{{
                      'dialogue.scriptPrompt' | transloco
                    }}</label>
                    <select
                      class="utrecht-select"
                      [id]="'st-prompt-' + i"
                      [name]="'prompt-' + i"
                      [ngModel]="s.prompts?.[0]"
                      (ngModelChange)="setPrompt(i, $event)"
                    >
                      @for (p of prompts; track p) {
                        <option [ngValue]="p">{{ 'dialogue.prompts.' + p | transloco }}</option>
                      }
                    </select>
                  </div>
                }
                <div class="utrecht-form-field">
                  <label class="utrecht-form-label" [for]="'st-title-' + i">{{
                    'dialogue.scriptTitle' | transloco
                  }}</label>
                  <input
                    class="utrecht-textbox"
                    [id]="'st-title-' + i"
                    [name]="'title-' + i"
                    maxlength="160"
                    [ngModel]="s.title ?? ''"
                    (ngModelChange)="setTitle(i, $event)"
                  />
                </div>
              </div>
              <div class="script-actions">
                <button
                  class="utrecht-button utrecht-button--subtle"
                  type="button"
                  [disabled]="i === 0"
                  (click)="move(i, -1)"
                >
                  {{ 'dialogue.scriptUp' | transloco }}
                </button>
                <button
                  class="utrecht-button utrecht-button--subtle"
                  type="button"
                  [disabled]="i === draft().length - 1"
                  (click)="move(i, 1)"
                >
                  {{ 'dialogue.scriptDown' | transloco }}
                </button>
                <button
                  class="utrecht-button utrecht-button--subtle"
                  type="button"
                  [disabled]="draft().length === 1"
                  (click)="remove(i)"
                >
                  {{ 'dialogue.scriptRemove' | transloco }}
                </button>
              </div>
            </fieldset>
          </li>
        }
      </ol>
      <div class="script-actions">
        <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="add()">
          {{ 'dialogue.scriptAdd' | transloco }}
        </button>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {{ 'dialogue.scriptSave' | transloco }}
        </button>
        <button class="utrecht-button utrecht-button--subtle" type="button" (click)="cancelled.emit()">
          {{ 'dialogue.cancel' | transloco }}
        </button>
      </div>
    </form>
  `,
  styles: [
    `
      .script-steps {
        padding-inline-start: 1.25rem;
        display: grid;
        gap: 0.75rem;
      }
      fieldset {
        border: 1px solid #999;
        border-radius: 4px;
        padding: 0.5rem 0.75rem;
        min-inline-size: 0;
      }
      .script-row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
      }
      .script-row select,
      .script-row input {
        min-block-size: 44px;
        max-inline-size: 100%;
      }
      .script-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-block-start: 0.5rem;
      }
      .script-actions button {
        min-block-size: 44px;
      }
    `,
  ],
})
export class DialogueScriptEditorComponent {
  readonly steps = input.required<ScriptStep[]>();
  readonly save = output<ScriptStep[]>();
  readonly cancelled = output<void>();
  protected readonly types = STEP_TYPES;
  protected readonly prompts = PROMPTS;
  protected readonly draft = signal<ScriptStep[]>([]);

  constructor() {
    effect(() => this.draft.set(this.steps().map((s) => ({ ...s, prompts: s.prompts ? [...s.prompts] : undefined }))));
  }

  protected setType(i: number, type: ScriptStep['type']): void {
    this.patch(i, (s) => ({ ...s, type, prompts: type === 'notes' ? (s.prompts ?? ['open-1']) : undefined }));
  }

  protected setPrompt(i: number, prompt: Prompt): void {
    this.patch(i, (s) => ({ ...s, prompts: [prompt, ...(s.prompts ?? []).slice(1).filter((p) => p !== prompt)] }));
  }

  protected setTitle(i: number, title: string): void {
    this.patch(i, (s) => ({ ...s, title: title || undefined }));
  }

  protected move(i: number, by: number): void {
    const steps = [...this.draft()];
    const [step] = steps.splice(i, 1);
    steps.splice(i + by, 0, step);
    this.draft.set(steps);
  }

  protected remove(i: number): void {
    this.draft.set(this.draft().filter((_, j) => j !== i));
  }

  protected add(): void {
    this.draft.set([...this.draft(), { type: 'notes', prompts: ['open-1'] }]);
  }

  protected submit(): void {
    this.save.emit(
      this.draft().map((s) => ({
        type: s.type,
        ...(s.type === 'notes' ? { prompts: s.prompts?.length ? s.prompts : ['open-1'] } : {}),
        ...(s.title?.trim() ? { title: s.title.trim() } : {}),
      })),
    );
  }

  private patch(i: number, change: (s: ScriptStep) => ScriptStep): void {
    this.draft.set(this.draft().map((s, j) => (j === i ? change(s) : s)));
  }
}
