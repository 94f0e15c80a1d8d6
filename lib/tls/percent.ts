/**
 * decodeURIComponent for text that came from outside (URLs, cookies, route params): a malformed escape such as
 * "%E0%A4%A" gives undefined instead of a URIError, so callers answer 4xx rather than 500.
 */
export function decodePercent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
