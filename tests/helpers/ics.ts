/** An iCalendar component read back: its properties (name → values, in order) and its sub-components. */
export interface Component {
  name: string;
  props: Record<string, { params: string; value: string }[]>;
  children: Component[];
}

const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === "n" ? "\n" : c));

/** Parses RFC 5545 text: unfolds continuation lines, nests BEGIN/END, unescapes text values. */
export function parseIcs(text: string): Component {
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  const root: Component = { name: "", props: {}, children: [] };
  const stack = [root];
  for (const line of lines) {
    const colon = line.indexOf(":");
    const head = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const [name, ...params] = head.split(";");
    const top = stack[stack.length - 1]!;
    if (name === "BEGIN") {
      const child: Component = { name: value, props: {}, children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (name === "END") {
      if (top.name !== value) throw new Error(`END:${value} closes ${top.name}`);
      stack.pop();
    } else {
      (top.props[name!] ??= []).push({ params: params.join(";"), value: unescapeText(value) });
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error("not one complete VCALENDAR");
  return root.children[0]!;
}

/** The one value of a property, or undefined. */
export const prop = (c: Component, name: string) => c.props[name]?.[0]?.value;
