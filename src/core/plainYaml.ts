/**
 * A quick reader for the plain YAML the platform's documents are written in (issue 19.6: the
 * YAML library's parse is most of the time a first report after a data change spends on its
 * documents): block mappings and sequences, comments, double-quoted and plain one-line scalars,
 * one-line flow collections. Anything else (anchors, tags, block scalars, single quotes, a value
 * over several lines, a repeated key, a number other than plain decimals, a tab, CR…) gives
 * `undefined`, and the caller asks the YAML library, which also says where a text is wrong.
 * What it returns equals the library's value (YAML 1.2 core schema; tested on every document shipped).
 */

/** Thrown inside: the text leaves the subset. */
class Unsupported extends Error {}
const out = (): never => {
  throw new Unsupported();
};

type Line = { indent: number; text: string };

/** Characters that start something other than a plain scalar. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const PLAIN_KEY = /^(?:[A-Za-z_][A-Za-z0-9_-]*|0|[1-9][0-9]{0,14})$/;
const RESERVED_KEY = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|__proto__)$/;
/** What the YAML 1.2 core schema reads as a number (or infinity, NaN). */
const NUMBERISH =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;
const DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;

function scalar(text: string): unknown {
  if (text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (!NUMBERISH.test(text)) return text;
  if (text !== '-0' && (INTEGER.test(text) || DECIMAL.test(text))) return Number(text);
  return out();
}

/** A double-quoted string starting at `start`: its value and the index after its closing quote. */
function quoted(s: string, start: number): [string, number] {
  let value = '';
  let from = start + 1;
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x22) return [value + s.slice(from, j), j + 1];
    if (c !== 0x5c) continue;
    value += s.slice(from, j);
    const e = s[j + 1];
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) {
      value += String.fromCharCode(Number.parseInt(s.slice(j + 2, j + 6), 16));
      j += 5;
    } else {
      const simple = e === undefined ? undefined : ({ '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e];
      if (simple === undefined) out();
      value += simple;
      j += 1;
    }
    from = j + 1;
  }
  return out();
}

/** A single-quoted string starting at `start` (`''` is a quote): its value and the index after its closing quote. */
function singleQuoted(s: string, start: number): [string, number] {
  let value = '';
  let from = start + 1;
  for (;;) {
    const j = s.indexOf("'", from);
    if (j < 0) return out();
    value += s.slice(from, j);
    if (s[j + 1] !== "'") return [value, j + 1];
    value += "'";
    from = j + 2;
  }
}

/** A quoted string of either kind starting at `start`. */
const anyQuoted = (s: string, start: number): [string, number] => (s[start] === "'" ? singleQuoted(s, start) : quoted(s, start));

/** A plain key (or a quoted one) and the index after its `:` separator, or undefined when `s` is no `key: …`. */
function keyOf(s: string, start: number, flow: boolean): [string, number] | undefined {
  let key: string;
  let end: number;
  if (s[start] === '"') {
    [key, end] = quoted(s, start);
    if (s[end] !== ':') return undefined;
  } else {
    const colon = s.indexOf(':', start);
    if (colon < 0) return undefined;
    end = colon;
    key = s.slice(start, colon);
    if (!PLAIN_KEY.test(key) || RESERVED_KEY.test(key)) {
      // A `: ` further on makes it a mapping with a key outside the subset; none, a scalar.
      return flow || s.indexOf(': ', start) >= 0 || s.endsWith(':') ? out() : undefined;
    }
  }
  const after = s[end + 1];
  if (after !== undefined && after !== ' ') return flow ? out() : undefined;
  if (key === '__proto__') out();
  return [key, end + 1];
}

function set(map: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(map, key)) out();
  map[key] = value;
}

/** A one-line flow collection from `start` (`[` or `{`): its value and the index after it. */
function flow(s: string, start: number): [unknown, number] {
  const isMap = s[start] === '{';
  const close = isMap ? '}' : ']';
  const value: unknown[] | Record<string, unknown> = isMap ? {} : [];
  let j = start + 1;
  const spaces = () => {
    while (s[j] === ' ') j++;
  };
  spaces();
  if (s[j] === close) return [value, j + 1];
  for (;;) {
    let key: string | undefined;
    if (isMap) {
      const k = keyOf(s, j, true) ?? out();
      key = k[0];
      j = k[1];
      spaces();
    }
    let item: unknown;
    if (s[j] === '"' || s[j] === "'") [item, j] = anyQuoted(s, j);
    else if (s[j] === '[' || s[j] === '{') [item, j] = flow(s, j);
    else {
      let k = j;
      while (k < s.length && s[k] !== ',' && s[k] !== close) k++;
      const text = s.slice(j, k).trimEnd();
      if (!text || INDICATOR.test(text) || /[:#[\]{}"']/.test(text)) out();
      item = scalar(text);
      j = k;
    }
    if (key === undefined) (value as unknown[]).push(item);
    else set(value as Record<string, unknown>, key, item);
    spaces();
    if (s[j] === close) return [value, j + 1];
    if (s[j] !== ',') out();
    j++;
    spaces();
    if (s[j] === close) out();
  }
}

/** Nothing but a comment (after a space) or nothing from `j` on. */
function ends(s: string, j: number): void {
  const rest = s.slice(j);
  if (rest.trim() && !/^ +#/.test(rest)) out();
}

/** A value written on its line (a scalar or a flow collection). */
function inline(s: string): unknown {
  if (s[0] === '"' || s[0] === "'") {
    const [value, end] = anyQuoted(s, 0);
    ends(s, end);
    return value;
  }
  if (s[0] === '[' || s[0] === '{') {
    const [value, end] = flow(s, 0);
    ends(s, end);
    return value;
  }
  const hash = s.indexOf(' #');
  const text = (hash >= 0 ? s.slice(0, hash) : s).trimEnd();
  if ((INDICATOR.test(text) && !/^-[0-9]/.test(text)) || text.includes(': ') || text.endsWith(':') || text.includes('\t')) out();
  return scalar(text);
}

class Reader {
  i = 0;
  readonly lines: Line[];
  constructor(lines: Line[]) {
    this.lines = lines;
  }

  get line(): Line | undefined {
    return this.lines[this.i];
  }

  block(indent: number): unknown {
    const line = this.line!;
    if (line.indent !== indent) out();
    return isItem(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  /** What follows `key:` or `-` with nothing after it on the line. */
  nested(indent: number, inMapping: boolean): unknown {
    const next = this.line;
    if (next && next.indent > indent) return this.block(next.indent);
    if (next && inMapping && next.indent === indent && isItem(next.text)) return this.sequence(indent);
    return null;
  }

  /** A value given on its line; the next line may not continue it. */
  single(text: string, indent: number): unknown {
    const value = inline(text);
    const next = this.line;
    if (next && next.indent > indent) out();
    return value;
  }

  mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    while (this.line?.indent === indent && !isItem(this.line.text)) {
      const { text } = this.line;
      const [key, end] = keyOf(text, 0, false) ?? out();
      this.i++;
      const rest = text.slice(end).trimStart();
      set(map, key, !rest || rest.startsWith('#') ? this.nested(indent, true) : this.single(rest, indent));
    }
    if (this.line && this.line.indent > indent) out();
    return map;
  }

  sequence(indent: number): unknown[] {
    const list: unknown[] = [];
    while (this.line?.indent === indent && isItem(this.line.text)) {
      const { text } = this.line;
      const rest = text.slice(1);
      const item = rest.trimStart();
      if (!item || item.startsWith('#')) {
        this.i++;
        list.push(this.nested(indent, false));
        continue;
      }
      if (isItem(item)) out();
      if (item[0] !== '[' && item[0] !== '{' && item[0] !== "'" && keyOf(item, 0, false)) {
        // `- key: value`: a mapping whose keys line up with this one's.
        this.lines[this.i] = { indent: indent + 1 + (rest.length - item.length), text: item };
        list.push(this.mapping(indent + 1 + (rest.length - item.length)));
      } else {
        this.i++;
        list.push(this.single(item, indent));
      }
    }
    if (this.line && this.line.indent > indent) out();
    return list;
  }
}

const isItem = (text: string) => text === '-' || text.startsWith('- ');

/** The value of `text` when it is written in the plain subset this reader knows; undefined otherwise. */
export function readPlainYaml(text: string): unknown {
  if (text.includes('\r') || text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const content = raw.trimStart();
    if (!content || content.startsWith('#')) continue;
    if (content.startsWith('---') || content.startsWith('...') || content.startsWith('%')) return undefined;
    lines.push({ indent: raw.length - content.length, text: content.trimEnd() });
  }
  if (!lines.length || lines[0]!.indent !== 0) return undefined;
  try {
    const reader = new Reader(lines);
    const value = reader.block(0);
    return reader.i === lines.length ? value : undefined;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
