/** One sample of the Prometheus text format (0.0.4), with its label values unescaped. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const UNESCAPE: Record<string, string> = { "\\": "\\", '"': '"', n: "\n" };

/**
 * Reads an exposition back the way Prometheus does: comments skipped, label values scanned character by character,
 * so an escaped quote or newline inside a value is read as part of it, not as its end.
 */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const brace = line.indexOf("{");
    if (brace < 0) {
      const [name, value] = line.split(" ");
      samples.push({ name: name!, labels: {}, value: Number(value) });
      continue;
    }
    const labels: Record<string, string> = {};
    let i = brace + 1;
    while (line[i] !== "}") {
      const eq = line.indexOf("=", i);
      const key = line.slice(i, eq);
      if (line[eq + 1] !== '"') throw new Error(`unquoted label value in: ${line}`);
      let value = "";
      for (i = eq + 2; line[i] !== '"'; i++) {
        if (i >= line.length) throw new Error(`unterminated label value in: ${line}`);
        if (line[i] === "\\") {
          const escaped = UNESCAPE[line[++i]!];
          if (escaped === undefined) throw new Error(`bad escape in: ${line}`);
          value += escaped;
        } else value += line[i];
      }
      labels[key] = value;
      i++;
      if (line[i] === ",") i++;
    }
    samples.push({ name: line.slice(0, brace), labels, value: Number(line.slice(i + 1).trim()) });
  }
  return samples;
}
