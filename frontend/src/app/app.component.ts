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
  template: `
    <a class="lab-skip" href="#inhoud">{{ 'shell.skipToContent' | transloco }}</a>
    <header class="lab-header">
      <div class="lab-container lab-header__bar">
        <a class="lab-header__brand" routerLink="/">
          <img src="favicon.svg" alt="" width="28" height="28" />
          <span
            >Proeftuin <small>{{ 'shell.tagline' | transloco }}</small></span
          >
        </a>
        <nav [attr.aria-label]="'shell.mainNavigation' | transloco">
          <ul class="lab-nav">
            <li>
              <a
                routerLink="/"
                routerLinkActive="active"
                [routerLinkActiveOptions]="{ exact: true }"
                ariaCurrentWhenActive="page"
                >{{ 'nav.home' | transloco }}</a
              >
            </li>
            <li>
              <a routerLink="/labs" routerLinkActive="active" ariaCurrentWhenActive="page">{{
                'nav.labs' | transloco
              }}</a>
            </li>
            <li>
              <a routerLink="/bibliotheek" routerLinkActive="active" ariaCurrentWhenActive="page">{{
                'nav.library' | transloco
              }}</a>
            </li>
            @if (auth.loggedIn()) {
              <li>
                <a routerLink="/mijn-labs" routerLinkActive="active" ariaCurrentWhenActive="page">{{
                  'nav.myLabs' | transloco
                }}</a>
              </li>
              <li>
                <a routerLink="/account" routerLinkActive="active" ariaCurrentWhenActive="page">{{
                  'nav.account' | transloco
                }}</a>
              </li>
            }
            @if (auth.isAdmin()) {
              <li>
                <a routerLink="/beheer" routerLinkActive="active" ariaCurrentWhenActive="page">{{
                  'nav.admin' | transloco
                }}</a>
              </li>
            }
          </ul>
        </nav>
        <div class="lab-header__tools">
          <div class="lab-lang" role="group" [attr.aria-label]="'shell.language' | transloco">
            <button type="button" lang="nl" [attr.aria-pressed]="language.current() === 'nl'" (click)="switchTo('nl')">
              NL<span class="visually-hidden"> Nederlands</span>
            </button>
            <button type="button" lang="en" [attr.aria-pressed]="language.current() === 'en'" (click)="switchTo('en')">
              EN<span class="visually-hidden"> English</span>
            </button>
          </div>
          @if (auth.user(); as user) {
            <span class="lab-header__user"
              >{{ 'shell.loggedInAs' | transloco }} <strong>{{ user.displayName }}</strong></span
            >
            <button type="button" class="lab-header__button" (click)="logout()">
              {{ 'shell.logout' | transloco }}
            </button>
          } @else {
            <a class="lab-header__button" routerLink="/inloggen">{{ 'shell.login' | transloco }}</a>
          }
        </div>
      </div>
    </header>
    <main id="inhoud" class="lab-main lab-container" tabindex="-1" #main>
      <router-outlet />
    </main>
    <footer class="lab-footer">
      <div class="lab-container">
        <ul>
          <li>
            <a class="utrecht-link" routerLink="/toegankelijkheid">{{ 'shell.accessibility' | transloco }}</a>
          </li>
          <li>
            <a class="utrecht-link" href="/api/docs">{{ 'shell.apiDocs' | transloco }}</a>
          </li>
        </ul>
        <p class="lab-muted">{{ 'shell.footerNote' | transloco }}</p>
      </div>
    </footer>
  `,
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
  }

  protected switchTo(language: Language): void {
    this.language.use(language, this.auth.loggedIn());
  }

  protected async logout(): Promise<void> {
    await this.auth.logout();
    await this.router.navigateByUrl('/');
  }
}
