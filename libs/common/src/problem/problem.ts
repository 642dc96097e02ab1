/** One field-level reason in a 400 answer. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details, the body of every error answer (api.md "Errors"). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://countycare.example/problems/';

/**
 * An error the application raises on purpose with a status and a catalog
 * code; the filter localizes it. `extensions` are extra members of the body.
 */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly errors: Array<Omit<FieldError, 'message'> & { message?: string; params?: Record<string, unknown> }> = [],
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(code);
  }

  static notFound(resource: string): ProblemException {
    return new ProblemException(404, 'not_found', { resource });
  }

  static forbidden(): ProblemException {
    return new ProblemException(403, 'forbidden_role');
  }

  static invalid(field: string, code: string, message?: string): ProblemException {
    return new ProblemException(400, 'validation_failed', { count: 1 }, [{ field, code, message }]);
  }

  static conflict(code: string, params: Record<string, string | number> = {}, extensions: Record<string, unknown> = {}) {
    return new ProblemException(409, code, params, [], {}, extensions);
  }
}
