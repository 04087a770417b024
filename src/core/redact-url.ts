/**
 * Hides the passwords a text may carry in URLs (`scheme://user:password@host`, a `password=` query parameter)
 * before it is shown: a database URL reaches error messages and logs, and its password must not. Works on the
 * text as written, so a URL that does not parse (a mistyped scheme, an unescaped character) is covered too;
 * a password holding an `@` hides a little more than itself, never less.
 */
export function redactUrlPasswords(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'<>]*:)[^\s"'<>]*@/gi, '$1***@').replace(/([?&]password=)[^&#\s"'<>]*/gi, '$1***');
}
