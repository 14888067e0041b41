import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, NavigationStart, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, skip } from 'rxjs';
import { forgetFirstAnswers } from './core/api/first-answers';
import { AuthStore } from './core/auth/auth.store';
import { Language, LanguageService } from './core/i18n/language.service';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.component.html',
})
export class AppComponent {
  protected readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageService);
  private readonly router = inject(Router);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    // After each navigation (not the first page load) move focus to the content, as a screen reader user expects.
    this.router.events
      .pipe(
        filter((e) => e instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.main().nativeElement.focus({ preventScroll: true }));
    // The answers the page came with belong to the first page only.
    this.router.events
      .pipe(
        filter((e) => e instanceof NavigationStart && e.id > 1),
        takeUntilDestroyed(),
      )
      .subscribe(() => forgetFirstAnswers());
    // Printed, every chart's table (its text alternative, in a <details>) is shown; closed again after printing.
    const opened: HTMLDetailsElement[] = [];
    const view = inject(DOCUMENT).defaultView;
    view?.addEventListener('beforeprint', () => {
      for (const details of Array.from(view.document.querySelectorAll('details:not([open])')) as HTMLDetailsElement[]) {
        details.open = true;
        opened.push(details);
      }
    });
    view?.addEventListener('afterprint', () => {
      for (const details of opened.splice(0)) details.open = false;
    });
  }

  protected switchTo(language: Language): void {
    this.language.use(language, this.auth.loggedIn());
  }

  protected async logout(): Promise<void> {
    await this.auth.logout();
    await this.router.navigateByUrl('/');
  }
}
