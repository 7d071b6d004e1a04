/**
 * A strict JSON parser that keeps where every value sits in the text, so each ext_json check can point at its line
 * and column (JSON.parse only says "somewhere"). Pure: shared by the editor (browser) and the commit (server).
 */

export type JsonProp = { key: string; keyFrom: number; keyTo: number; value: JsonNode };
export type JsonNode =
  | { type: "object"; from: number; to: number; props: JsonProp[] }
  | { type: "array"; from: number; to: number; items: JsonNode[] }
  | { type: "string"; from: number; to: number; value: string }
  | { type: "number"; from: number; to: number; value: number }
  | { type: "boolean"; from: number; to: number; value: boolean }
  | { type: "null"; from: number; to: number; value: null };

export type ParseResult = { ok: true; node: JsonNode } | { ok: false; offset: number };

class Stop {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJson(text: string): ParseResult {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const stop = (at = i): never => {
    throw new Stop(at);
  };

  const str = (): { value: string; from: number; to: number } => {
    const from = i++;
    let out = "";
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') return { value: out, from, to: ++i };
      if (c === "\\") {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else stop();
      } else if (c < " ") stop();
      else {
        out += c;
        i++;
      }
    }
    return stop();
  };

  const value = (): JsonNode => {
    ws();
    const from = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const props: JsonProp[] = [];
      ws();
      if (text[i] === "}") return { type: "object", from, to: ++i, props };
      for (;;) {
        ws();
        if (text[i] !== '"') stop();
        const key = str();
        ws();
        if (text[i] !== ":") stop();
        i++;
        props.push({ key: key.value, keyFrom: key.from, keyTo: key.to, value: value() });
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return { type: "object", from, to: ++i, props };
        else stop();
      }
    }
    if (c === "[") {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === "]") return { type: "array", from, to: ++i, items };
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return { type: "array", from, to: ++i, items };
        else stop();
      }
    }
    if (c === '"') return { type: "string", ...str() };
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v === null ? { type: "null", from, to: i, value: null } : { type: "boolean", from, to: i, value: v };
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return stop();
    i += m[0].length;
    return { type: "number", from, to: i, value: Number(m[0]) };
  };

  try {
    const node = value();
    ws();
    if (i < text.length) stop();
    return { ok: true, node };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, offset: Math.min(error.offset, text.length) };
    throw error;
  }
}

/** The plain value of a node (what JSON.parse would give; a repeated key keeps its last value, like JSON.parse). */
export function toValue(node: JsonNode): unknown {
  if (node.type === "object") return Object.fromEntries(node.props.map((p) => [p.key, toValue(p.value)]));
  if (node.type === "array") return node.items.map(toValue);
  return node.value;
}

/** 1-based line and column of an offset, as editors count them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
