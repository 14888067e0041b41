import { ChangeDetectionStrategy, Component, effect, input, signal } from '@angular/core';
import { drawQr, type QrDrawing } from '../../shared/ui/copy-link.component';

/** The join page's address as a QR code, drawn in the browser. */
@Component({
  selector: 'app-dialogue-qr',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (qr(); as drawing) {
      <svg
        [attr.viewBox]="'0 0 ' + drawing.size + ' ' + drawing.size"
        role="img"
        [attr.aria-label]="label()"
        shape-rendering="crispEdges"
        data-testid="dialogue-qr"
      >
        <rect [attr.width]="drawing.size" [attr.height]="drawing.size" fill="#fff" />
        <path [attr.d]="drawing.path" fill="#000" />
      </svg>
    }
  `,
  styles: [':host { display: block; } svg { inline-size: 100%; block-size: auto; }'],
})
export class DialogueQrComponent {
  readonly url = input.required<string>();
  readonly label = input.required<string>();
  protected readonly qr = signal<QrDrawing | null>(null);

  constructor() {
    effect(() => {
      const url = this.url();
      void drawQr(url).then((d) => this.qr.set(d));
    });
  }
}
