import { Injectable } from '@angular/core';
import { DefaultTranspiler, TranspileParams } from '@jsverse/transloco';
import { formatIcu, icuParams, isIcu } from './icu';

/**
 * The texts with plural forms, in ICU message format, are interpolated ("{{ name }}", with people's own words
 * quoted) and then formatted by formatIcu (icu.ts); every other text goes through Transloco's default transpiler
 * exactly as before, so the braces and apostrophes of people's own words are never read as syntax.
 */
@Injectable()
export class PluralTranspiler extends DefaultTranspiler {
  private language = 'nl';

  override transpile(options: TranspileParams): unknown {
    const { value, params = {} } = options;
    if (typeof value !== 'string' || !isIcu(value)) return super.transpile(options);
    const interpolated = super.transpile({ ...options, params: icuParams(params) }) as string;
    return formatIcu(interpolated, params, this.language);
  }

  onLangChanged(language: string): void {
    this.language = language;
  }
}
