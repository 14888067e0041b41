import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { pageTitle } from '../../core/i18n/page-title';

@Component({
  selector: 'app-accessibility-page',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1">{{ 'a11y.title' | transloco }}</h1>
    <p class="lab-lead">{{ 'a11y.lead' | transloco }}</p>
    <h2 class="utrecht-heading-2">{{ 'a11y.statusTitle' | transloco }}</h2>
    <p>{{ 'a11y.status' | transloco }}</p>
    <h2 class="utrecht-heading-2">{{ 'a11y.howTitle' | transloco }}</h2>
    <ul class="utrecht-unordered-list">
      <li>{{ 'a11y.how1' | transloco }}</li>
      <li>{{ 'a11y.how2' | transloco }}</li>
      <li>{{ 'a11y.how3' | transloco }}</li>
      <li>{{ 'a11y.how4' | transloco }}</li>
    </ul>
    <h2 class="utrecht-heading-2">{{ 'a11y.knownTitle' | transloco }}</h2>
    <p>{{ 'a11y.known' | transloco }}</p>
    <h2 class="utrecht-heading-2">{{ 'a11y.contactTitle' | transloco }}</h2>
    <p>{{ 'a11y.contact' | transloco }}</p>
  `,
})
export class AccessibilityPage {
  constructor() {
    pageTitle(() => ({ key: 'a11y.title' }));
  }
}
