/** Password length rules; pure so browser-side form checks can import them. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
