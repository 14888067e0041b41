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

type Part = string | { arg: string } | { arg: string; type: 'plural' | 'select'; cases: Record<string, Part[]> } | '#';

/**
 * Formats an ICU message ("{count, plural, one {# bijdrage} other {# bijdragen}}", "{name}", "{kind, select, …}")
 * by interpreting it with Intl.PluralRules. MessageFormat's own compiler turns messages into code with `new
 * Function`, which the product's Content-Security-Policy (script-src 'self', no 'unsafe-eval') rightly forbids.
 */
export function formatIcu(text: string, params: Record<string, unknown>, language: string): string {
  const rules = new Intl.PluralRules(language);
  const render = (parts: Part[], count: number | null): string =>
    parts
      .map((part) => {
        if (part === '#') return count === null ? '#' : new Intl.NumberFormat(language).format(count);
        if (typeof part === 'string') return part;
        const value = params[part.arg];
        if (!('type' in part)) return value === undefined || value === null ? '' : String(value);
        if (part.type === 'select') return render(part.cases[String(value)] ?? part.cases['other'] ?? [], count);
        const n = Number(value);
        const chosen = part.cases[`=${n}`] ?? part.cases[rules.select(n)] ?? part.cases['other'] ?? [];
        return render(chosen, n);
      })
      .join('');
  return render(parse(text), null);
}

function parse(text: string): Part[] {
  let i = 0;
  const fail = (what: string) => new Error(`ICU message: ${what} at ${i} in "${text}"`);
  const message = (inPlural: boolean): Part[] => {
    const parts: Part[] = [];
    let literal = '';
    const flush = () => {
      if (literal) parts.push(literal);
      literal = '';
    };
    while (i < text.length) {
      const c = text[i];
      if (c === "'") {
        if (text[i + 1] === "'") {
          literal += "'";
          i += 2;
        } else if (text[i + 1] === '{' || text[i + 1] === '}' || (inPlural && text[i + 1] === '#')) {
          // Quoted up to the next lone apostrophe; '' inside is one apostrophe.
          i++;
          while (i < text.length && !(text[i] === "'" && text[i + 1] !== "'")) {
            literal += text[i];
            i += text[i] === "'" ? 2 : 1;
          }
          i++;
        } else {
          literal += c;
          i++;
        }
      } else if (c === '{') {
        flush();
        parts.push(argument());
      } else if (c === '}') {
        break;
      } else if (c === '#' && inPlural) {
        flush();
        parts.push('#');
        i++;
      } else {
        literal += c;
        i++;
      }
    }
    flush();
    return parts;
  };
  const word = () => {
    const m = /^\s*([\w=.-]+)\s*/.exec(text.slice(i));
    if (!m) throw fail('a name expected');
    i += m[0].length;
    return m[1];
  };
  const argument = (): Part => {
    i++; // {
    const arg = word();
    if (text[i] === '}') {
      i++;
      return { arg };
    }
    if (text[i] !== ',') throw fail('"," or "}" expected');
    i++;
    const type = word();
    if (type !== 'plural' && type !== 'select') throw fail(`"${type}" is not supported`);
    if (text[i] !== ',') throw fail('"," expected');
    i++;
    const cases: Record<string, Part[]> = {};
    while (i < text.length && text[i] !== '}') {
      const key = word();
      if (text[i] !== '{') throw fail('"{" expected');
      i++;
      cases[key] = message(type === 'plural');
      if (text[i] !== '}') throw fail('"}" expected');
      i++;
      while (text[i] === ' ') i++;
    }
    if (text[i] !== '}') throw fail('"}" expected');
    i++;
    return { arg, type, cases };
  };
  const parts = message(false);
  if (i < text.length) throw fail('unexpected "}"');
  return parts;
}
