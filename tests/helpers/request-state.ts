/** Whose session cookie the mocked next/headers presents to server actions. */
export const requestState: { sessionToken?: string } = {};

export function actAs(token: string | undefined) {
  requestState.sessionToken = token;
}
