/**
 * Texts with plural forms are written in ICU message format ("{count, plural, one {# bijdrage} other {# bijdragen}}");
 * every other text keeps Transloco's own "{{ name }}" interpolation, untouched. Params interpolated into an ICU text
 * first ("{{ suggested }}") are quoted, so braces or apostrophes in a lab's name can never break the message.
 */
const ICU = /\{\s*[\w.]+\s*,\s*(plural|select|selectordinal)\s*,/;

export function isIcu(text: string): boolean {
  return ICU.test(text);
}

/**
 * A text as ICU reads it literally: an apostrophe doubled, and from the first brace on quoted (a quote only opens
 * right before a brace). Texts interpolate their "{{ }}" params outside plural branches, where "#" is plain text.
 */
export function icuLiteral(text: string): string {
  const doubled = text.replace(/'/g, "''");
  const brace = doubled.search(/[{}]/);
  return brace < 0 ? doubled : `${doubled.slice(0, brace)}'${doubled.slice(brace)}'`;
}

/** Params with their text values quoted for ICU; numbers stay numbers, for plural rules and "#". */
export function icuParams(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? icuLiteral(value) : value]),
  );
}
