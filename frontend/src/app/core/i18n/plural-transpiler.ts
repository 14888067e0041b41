import { Injectable } from '@angular/core';
import { DefaultTranspiler, TranspileParams } from '@jsverse/transloco';
import type { MessageFormatTranspiler } from '@jsverse/transloco-messageformat';
import { icuParams, isIcu } from './icu';

/**
 * Transloco's MessageFormat transpiler for the texts with plural forms (see icu.ts), and the default transpiler,
 * exactly as before, for all others: MessageFormat would otherwise read the braces and apostrophes of people's
 * own words ("{{ name }}" of a lab) as syntax.
 *
 * MessageFormat (with the plural rules of every language, some 18 kB compressed) is fetched while the language
 * file loads, before the first page shows (app.config.ts waits for both), rather than inside the first script.
 */
@Injectable()
export class PluralTranspiler extends DefaultTranspiler {
  private icu: MessageFormatTranspiler | null = null;
  private language = 'nl';
  private loading: Promise<void> | null = null;

  ready(): Promise<void> {
    return (this.loading ??= import('@jsverse/transloco-messageformat').then(
      ({ MessageFormatTranspiler }) => {
        this.icu = new MessageFormatTranspiler({ locales: this.language });
      },
      () => {
        // Offline at start: texts with plural forms show their "other" form (see below) until the next visit.
        this.loading = null;
      },
    ));
  }

  override transpile(options: TranspileParams): unknown {
    const { value, params } = options;
    if (typeof value === 'string' && isIcu(value)) {
      if (this.icu) return this.icu.transpile({ ...options, params: params ? icuParams(params) : params });
      return super.transpile({ ...options, value: otherForm(value) });
    }
    return super.transpile(options);
  }

  onLangChanged(language: string): void {
    this.language = language;
    this.icu?.onLangChanged(language);
  }
}

/** "{n, plural, one {# x} other {# xs}}" read as "{{n}} xs" (and "{n}" as "{{n}}"), while MessageFormat is not there. */
function otherForm(text: string): string {
  return text
    .replace(/\{\s*(\w+)\s*,\s*plural\s*,[^{]*(?:\{[^}]*\}[^{}]*)*?other\s*\{([^}]*)\}\s*\}/g, (_, name, other) =>
      String(other).replace(/#/g, `{{${name}}}`),
    )
    .replace(/(?<!\{)\{(\w+)\}(?!\})/g, '{{$1}}');
}
