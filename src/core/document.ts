/**
 * Reading a YAML or JSON document from text (no file access: adapters pass the text and
 * the file name). YAML is a superset of JSON, so one parser serves both.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ParError, issue } from './errors.ts';

export function parseDocument(text: string, file?: string): unknown {
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
