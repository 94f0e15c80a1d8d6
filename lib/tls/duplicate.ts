import { slugify } from "./slug";

/** "Duplicate to customize": a default (or any profile) as the start of a new one with its own name. */
export function duplicateOf<V extends { title: string; name: string; version: string }>(values: V): V {
  const title = `${values.title} (copy)`;
  return { ...values, title, name: slugify(title), version: "1.0.0" };
}
