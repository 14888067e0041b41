import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { pageTitle } from '../../core/i18n/page-title';

@Component({
  selector: 'app-not-found-page',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1">{{ 'notFound.title' | transloco }}</h1>
    <p>{{ 'notFound.text' | transloco }}</p>
    <p>
      <a class="utrecht-link" routerLink="/">{{ 'notFound.home' | transloco }}</a>
    </p>
  `,
})
export class NotFoundPage {
  constructor() {
    pageTitle(() => ({ key: 'notFound.title' }));
  }
}
