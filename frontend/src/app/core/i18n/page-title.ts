import { effect, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { TranslocoService } from '@jsverse/transloco';

export type PageTitleSource = { key: string } | { text: string };

/** Keeps the document title in the current language: "<page> – Proeftuin". */
export function pageTitle(source: () => PageTitleSource | null): void {
  const title = inject(Title);
  const transloco = inject(TranslocoService);
  // Emits when the active language's translations are loaded, so the title follows a language switch.
  const translations = toSignal(transloco.selectTranslation());
  effect(() => {
    translations();
    const value = source();
    if (!value) return;
    title.setTitle(`${'text' in value ? value.text : transloco.translate(value.key)} – Proeftuin`);
  });
}
