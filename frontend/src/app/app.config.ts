import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  isDevMode,
  provideAppInitializer,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling, withRouterConfig } from '@angular/router';
import { provideTransloco, TRANSLOCO_TRANSPILER, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { routes } from './app.routes';
import { firstAnswers } from './core/api/first-answers';
import { AuthStore } from './core/auth/auth.store';
import { LanguageService } from './core/i18n/language.service';
import { PluralTranspiler } from './core/i18n/plural-transpiler';
import { TranslocoHttpLoader } from './core/i18n/transloco-loader';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withRouterConfig({ paramsInheritanceStrategy: 'always' }),
      withInMemoryScrolling({ scrollPositionRestoration: 'top', anchorScrolling: 'enabled' }),
    ),
    // The API's CSRF guard: the readable `csrf` cookie goes back in the X-CSRF-Token header on every write.
    provideHttpClient(
      withFetch(),
      withXsrfConfiguration({ cookieName: 'csrf', headerName: 'X-CSRF-Token' }),
      withInterceptors([firstAnswers]),
    ),
    provideTransloco({
      config: {
        availableLangs: ['nl', 'en'],
        defaultLang: 'nl',
        fallbackLang: 'nl',
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        missingHandler: { logMissingKey: isDevMode() },
      },
      loader: TranslocoHttpLoader,
    }),
    // Plural forms in ICU message format ("1 bijdrage", "2 bijdragen"); every other text as Transloco reads it.
    { provide: TRANSLOCO_TRANSPILER, useClass: PluralTranspiler },
    provideAppInitializer(() => {
      const language = inject(LanguageService);
      language.init();
      // Who is logged in arrives while the first page renders (pages and guards follow the signal or wait for ready())
      // …
      void inject(AuthStore).ready();
      // … but the words come first: no text pops in and nothing shifts after the first render (index.html preloads
      // them).
      const transloco = inject(TranslocoService);
      return firstValueFrom(transloco.load(language.current())).then(
        () => undefined,
        () => undefined,
      );
    }),
  ],
};
