/** Base of every error flowgate raises on purpose. Branch on the class or `code`, never the message. */
export class FlowgateError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FlowgateError';
    this.code = code;
  }
}

/**
 * A file that cannot be read as a flow. `position` is the 1-based line and column in the text
 * that failed to parse (the file itself, or a `Content` string inside it).
 */
export class FlowFileError extends FlowgateError {
  readonly file: string;
  readonly position: { readonly line: number; readonly column: number } | null;
  readonly hint: string;
  constructor(
    code: string,
    file: string,
    message: string,
    hint: string,
    position: { line: number; column: number } | null = null,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'FlowFileError';
    this.file = file;
    this.position = position;
    this.hint = hint;
  }
}

/** A catalog (target inventory) that is malformed. `key` names the offending field. */
export class CatalogError extends FlowgateError {
  readonly source: string;
  readonly key: string | null;
  constructor(source: string, key: string | null, message: string, options?: { cause?: unknown }) {
    super('invalid-catalog', message, options);
    this.name = 'CatalogError';
    this.source = source;
    this.key = key;
  }
}
