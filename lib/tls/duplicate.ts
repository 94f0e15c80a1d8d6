import { slugify } from "./slug";

/** The title every "Duplicate to customize" copy gets. */
export const copyTitle = (title: string) => `${title} (copy)`;

/** "Duplicate to customize": a default (or any profile) as the start of a new one with its own name. */
export function duplicateOf<V extends { title: string; name: string; version: string }>(values: V): V {
  const title = copyTitle(values.title);
  return { ...values, title, name: slugify(title), version: "1.0.0" };
}

/** `<name>-copy`, then `<name>-copy-2`, … : the first that `taken` says is free. */
export async function freeCopyName(name: string, taken: (candidate: string) => Promise<boolean>): Promise<string> {
  let candidate = `${name}-copy`;
  for (let i = 2; await taken(candidate); i++) candidate = `${name}-copy-${i}`;
  return candidate;
}
