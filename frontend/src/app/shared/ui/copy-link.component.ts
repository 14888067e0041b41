import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * A link on this installation to hand to someone (there is no e-mail server): the full address, and a button that
 * copies it. What the link is for goes in as content.
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

  protected async copy(): Promise<void> {
    await this.document.defaultView?.navigator.clipboard?.writeText(this.url()).catch(() => undefined);
    this.copied.set(true);
  }
}
