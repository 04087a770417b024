/** The logging the server needs: pino's shape (object first, then message), so a pino logger fits as is. */
export interface ServerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: ServerLogger = { info() {}, warn() {}, error() {} };
