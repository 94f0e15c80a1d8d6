/** Times as UTC text, the same on the server's render and in the browser (no locale or zone to disagree on). */
export const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/**
 * Carbon's TextInput points aria-errormessage at its error text but leaves it out of aria-describedby, which axe (and
 * screen readers that ignore aria-errormessage) need: list it there while the field is invalid, and otherwise leave
 * Carbon's own (helper text) description alone.
 */
export const describedByError = (id: string, invalid: boolean) =>
  invalid ? { "aria-describedby": `${id}-error-msg` } : {};
