/**
 * Reading a YAML or JSON document from text (no file access: adapters pass the text and
 * the file name). YAML is a superset of JSON, so one parser serves both.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ParError, issue } from './errors.ts';
import { readPlainYaml } from './plainYaml.ts';

/**
 * Whether a JSON text repeats a key within one object (which JSON.parse would silently
 * resolve to the last one, and the YAML reader refuses): one pass over the text.
 */
function repeatsKey(text: string): boolean {
  const keys: Set<string>[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      keys.push(new Set());
      i++;
    } else if (c === 0x7d /* } */) {
      keys.pop();
      i++;
    } else if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          escaped = true;
          j += 2;
        } else if (d === 0x22) break;
        else j++;
      }
      let k = j + 1;
      while (k < n && (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x0a || text.charCodeAt(k) === 0x0d || text.charCodeAt(k) === 0x09)) k++;
      if (text.charCodeAt(k) === 0x3a /* : */ && keys.length) {
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        const seen = keys[keys.length - 1]!;
        if (seen.has(key)) return true;
        seen.add(key);
      }
      i = j + 1;
    } else i++;
  }
  return false;
}

/** A JSON text read by JSON.parse (much faster than the YAML reader on large files); undefined when it is not plain JSON. */
function parseJson(text: string): unknown {
  const first = text.trimStart().charCodeAt(0);
  if (first !== 0x7b && first !== 0x5b) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // the YAML reader says where
  }
  return repeatsKey(text) ? undefined : value;
}

export function parseDocument(text: string, file?: string): unknown {
  // JSON as JSON: the same values as the YAML reader gives (YAML is a superset), a repeated key
  // refused by it as before.
  const json = text.length > 65536 ? parseJson(text) : undefined;
  if (json !== undefined) return json;
  // The plain YAML of the shipped documents, read without the library (the same values); the library otherwise.
  const plain = readPlainYaml(text);
  if (plain !== undefined) return plain;
  try {
    // Keep decimals as written: the schema turns them into exact points.
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0];
      const where = line ? `dòng ${line.line}, cột ${line.col}` : '';
      throw new ParError(
        issue(
          'document.syntax',
          {
            vi: `tệp không đúng cú pháp YAML/JSON${where ? ` (${where})` : ''}: ${error.message.split('\n')[0]}`,
            en: `the file is not valid YAML/JSON${line ? ` (line ${line.line}, column ${line.col})` : ''}: ${error.message.split('\n')[0]}`,
          },
          { file },
        ),
      );
    }
    // The yaml library says "Excessive alias count…" with a plain ReferenceError when aliases
    // would expand beyond maxAliasCount (an alias bomb): a refused document, not a crash.
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new ParError(
        issue(
          'document.aliases',
          {
            vi: 'tệp dùng quá nhiều tham chiếu YAML (alias *…) lồng nhau; hãy viết giá trị ra trực tiếp',
            en: 'the file expands too many nested YAML aliases (*…); write the values out instead',
          },
          { file },
        ),
      );
    }
    throw error;
  }
}

/** The `kind` a document declares (framework, results, units, report), if any. */
export function documentKind(data: unknown): string | undefined {
  return data && typeof data === 'object' && 'kind' in data && typeof data.kind === 'string' ? data.kind : undefined;
}

/** Follows a field path into a raw document and returns the innermost `code` met on the way. */
export function codeAlong(data: unknown, path: readonly PropertyKey[]): string | undefined {
  let current: unknown = data;
  let found: string | undefined;
  for (const key of path) {
    if (!current || typeof current !== 'object') break;
    current = (current as Record<PropertyKey, unknown>)[key];
    if (current && typeof current === 'object' && 'code' in current && typeof current.code === 'string') found = current.code;
  }
  return found;
}
