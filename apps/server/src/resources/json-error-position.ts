/**
 * The offset where JSON text stops being valid, for a message with line and column
 * (JSON.parse names the position only for some errors). Undefined when the text is valid, or
 * nests too deeply to follow.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < text.length && ' \t\r\n'.includes(text[at] ?? '')) at++;
  };
  const literal = (word: string) => {
    for (const char of word) if (text[at++] !== char) fail();
  };
  const string = () => {
    at++;
    while (at < text.length && text[at] !== '"') {
      if ((text.charCodeAt(at) ?? 0) < 0x20) fail();
      at += text[at] === '\\' ? 2 : 1;
    }
    if (text[at] !== '"') fail();
    at++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) fail();
    at += match?.[0].length ?? 0;
  };
  const key = () => {
    if (text[at] !== '"') fail();
    string();
    colon();
    value();
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') members('}', key);
    else if (char === '[') members(']', value);
    else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else number();
  };
  const colon = () => {
    space();
    if (text[at] !== ':') fail();
    at++;
  };
  const members = (close: string, member: () => void) => {
    at++;
    space();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      space();
      member();
      space();
      if (text[at] === close) {
        at++;
        return;
      }
      if (text[at] !== ',') fail();
      at++;
    }
  };
  try {
    value();
    space();
    return at < text.length ? at : undefined;
  } catch (offset) {
    // Nesting deep enough to overflow the stack has no position to report; the caller says so otherwise.
    return typeof offset === 'number' ? Math.min(offset, text.length) : undefined;
  }
}

/** 1-based line and column of an offset. */
export function linePosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
