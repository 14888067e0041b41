import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** A QR code as one SVG path of its dark modules, drawn in the browser (no outside service sees the link). */
export interface QrDrawing {
  size: number;
  path: string;
}

export async function drawQr(text: string): Promise<QrDrawing> {
  const qrcode = (await import('qrcode-generator')).default;
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const quiet = 4;
  let path = '';
  for (let row = 0; row < count; row++)
    for (let col = 0; col < count; col++) if (qr.isDark(row, col)) path += `M${col + quiet} ${row + quiet}h1v1h-1z`;
  return { size: count + 2 * quiet, path };
}

/**
 * A link on this installation to hand to someone (there is no e-mail server): the full address, a button that
 * copies it, and a QR code to scan from a phone (drawn here, only when asked for). What the link is for goes in as
 * content.
 */
@Component({
  selector: 'app-copy-link',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="utrecht-alert utrecht-alert--ok" role="status">
      <div class="utrecht-alert__content">
        <ng-content />
        <div class="lab-copy">
          <code [attr.data-testid]="testId()">{{ url() }}</code>
          <button class="utrecht-button utrecht-button--secondary-action" type="button" (click)="copy()">
            {{ (copied() ? 'invite.copied' : 'invite.copy') | transloco }}
          </button>
        </div>
        <details class="lab-qr" (toggle)="showQr($event)">
          <summary>{{ 'invite.qr' | transloco }}</summary>
          @if (qr(); as drawing) {
            <svg
              [attr.viewBox]="'0 0 ' + drawing.size + ' ' + drawing.size"
              role="img"
              [attr.aria-label]="'invite.qrLabel' | transloco: { url: url() }"
              [attr.data-testid]="testId() + '-qr'"
              shape-rendering="crispEdges"
            >
              <rect [attr.width]="drawing.size" [attr.height]="drawing.size" fill="#fff" />
              <path [attr.d]="drawing.path" fill="#000" />
            </svg>
          }
        </details>
      </div>
    </div>
  `,
})
export class CopyLinkComponent {
  private readonly document = inject(DOCUMENT);
  /** The link's path, as the API gives it (/toegang/…, /uitnodiging/…). */
  readonly path = input.required<string>();
  readonly testId = input('copy-link');
  protected readonly url = computed(() => `${this.document.location.origin}${this.path()}`);
  /** Back to "Copy" for every new link. */
  protected readonly copied = linkedSignal({ source: this.path, computation: () => false });
  /** The QR code of the link shown now; drawn again for every new link. */
  private readonly drawnFor = signal<string | null>(null);
  private readonly drawing = signal<QrDrawing | null>(null);
  protected readonly qr = computed(() => (this.drawnFor() === this.url() ? this.drawing() : null));
  private readonly qrOpen = signal(false);

  constructor() {
    // Open, it always shows the code of the link shown now.
    effect(() => {
      const url = this.url();
      if (this.qrOpen() && this.drawnFor() !== url)
        void drawQr(url).then((drawing) => {
          this.drawing.set(drawing);
          this.drawnFor.set(url);
        });
    });
  }

  protected async copy(): Promise<void> {
    await this.document.defaultView?.navigator.clipboard?.writeText(this.url()).catch(() => undefined);
    this.copied.set(true);
  }

  protected showQr(event: Event): void {
    this.qrOpen.set((event.target as HTMLDetailsElement).open);
  }
}
