import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';

export type Language = 'nl' | 'en';
const STORAGE_KEY = 'lab.language';

/** Dutch by default, English on request; switches at run time without a reload and remembers the choice. */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly http = inject(HttpClient);
  readonly current = signal<Language>('nl');

  init(): void {
    const stored = this.document.defaultView?.localStorage?.getItem(STORAGE_KEY);
    this.apply(stored === 'en' ? 'en' : 'nl');
  }

  /** Switch, and for a logged-in user also store the choice on the account. */
  use(language: Language, loggedIn = false): void {
    this.apply(language);
    this.document.defaultView?.localStorage?.setItem(STORAGE_KEY, language);
    if (loggedIn) this.http.patch('/api/users/me', { locale: language }).subscribe({ error: () => undefined });
  }

  private apply(language: Language): void {
    this.current.set(language);
    this.transloco.setActiveLang(language);
    this.document.documentElement.lang = language;
  }
}
