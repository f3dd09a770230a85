/** A request about the catalogue that cannot be answered: what is wrong, the field at fault, the status. */
export class CatalogueError extends Error {
  readonly status: 400 | 404 | 409 | 422 | 502;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: CatalogueError['status'], code: string, message: string, field?: string) {
    super(message);
    this.name = 'CatalogueError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}
