import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * Downloads of a table for the team: its notes with who wrote them, marks, tags, consent and state, and the moderation
 * log (JSON), or the notes as a spreadsheet (CSV). Embed: `<app-dialogue-export [dialogueId]="d.id" />`.
 */
@Component({
  selector: 'app-dialogue-export',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p class="utrecht-paragraph">
    {{ 'dialogue.closing.export' | transloco }}:
    <a class="utrecht-link" [href]="'/api/dialogues/' + dialogueId() + '/export?format=csv'" download>{{
      'dialogue.closing.exportCsv' | transloco
    }}</a>
    ·
    <a class="utrecht-link" [href]="'/api/dialogues/' + dialogueId() + '/export?format=json'" download>{{
      'dialogue.closing.exportJson' | transloco
    }}</a>
  </p>`,
})
export class DialogueExportComponent {
  readonly dialogueId = input.required<number>();
}
