import type { components } from './schema';

export type ProblemView = components['schemas']['ProblemView'];

/** An API answer that was not 2xx, with its RFC 9457 body (already in the user's language: Accept-Language). */
export class ApiProblem extends Error {
  constructor(readonly problem: ProblemView) {
    super(problem.detail || problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

/** No answer at all: offline, DNS, connection reset. Work recorded now goes to the outbox. */
export class NetworkError extends Error {}

export function isProblem(body: unknown): body is ProblemView {
  return typeof body === 'object' && body !== null && typeof (body as ProblemView).code === 'string';
}

/** The problem+json of a response whose body has not been read yet. */
export async function problemOf(response: Response): Promise<ProblemView> {
  try {
    const body: unknown = await response.clone().json();
    if (isProblem(body)) return body;
  } catch {
    /* not JSON: a proxy's page */
  }
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: '', code: `http_${response.status}` };
}

/** Whether sending the same request later may succeed (the outbox keeps it) or never will (the outbox shows it refused). */
export function isRetryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
