/**
 * Of the elements with these ids, the one that comes first in the page: where focus goes after a save is refused at
 * several fields (forms give each control its field's name as id).
 */
export function firstInPage(ids: readonly string[]): HTMLElement | undefined {
  return ids
    .map((id) => document.getElementById(id))
    .filter((el): el is HTMLElement => el !== null)
    .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
}
