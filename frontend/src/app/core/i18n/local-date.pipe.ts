import { inject, Pipe, PipeTransform } from '@angular/core';
import { DateStyle, formatDate, formatNumber } from './format';
import { LanguageService } from './language.service';

/**
 * `{{ lab.startsOn | localDate }}`: a date in the active language (nl-NL, en-GB). Marked impure so it follows a
 * language switch, but it only formats again when the value, the style or the language changed.
 */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly language = inject(LanguageService);
  private last: { value: string | null | undefined; style: DateStyle; language: string; text: string } | null = null;

  transform(value: string | null | undefined, style: DateStyle = 'date'): string {
    const language = this.language.current();
    const last = this.last;
    if (last && last.value === value && last.style === style && last.language === language) return last.text;
    const text = formatDate(value, language, style);
    this.last = { value, style, language, text };
    return text;
  }
}

/** `{{ measure.value | localNumber }}`: a number in the active language ("1.234,5" or "1,234.5"). */
@Pipe({ name: 'localNumber', pure: false })
export class LocalNumberPipe implements PipeTransform {
  private readonly language = inject(LanguageService);
  private last: { value: number | null | undefined; language: string; text: string } | null = null;

  transform(value: number | null | undefined): string {
    const language = this.language.current();
    const last = this.last;
    if (last && last.value === value && last.language === language) return last.text;
    const text = formatNumber(value, language);
    this.last = { value, language, text };
    return text;
  }
}
