import createClient from 'openapi-fetch';
import { tokens } from '../auth/tokens';
import { currentLanguage } from '../i18n/language';
import { ApiProblem, isProblem, NetworkError, problemOf } from './problem';
import type { paths } from './schema';

/**
 * Every request of the app: the bearer token (refreshed when it is about to lapse or was refused with 401),
 * Accept-Language from the language switch, and problem+json turned into ApiProblem by `call`.
 */
async function authFetch(input: Request): Promise<Response> {
  const send = async (request: Request) => {
    const token = await tokens.fresh();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    request.headers.set('accept-language', currentLanguage());
    try {
      return await fetch(request);
    } catch (error) {
      throw new NetworkError((error as Error).message);
    }
  };
  const retry = input.clone();
  const response = await send(input);
  if (response.status === 401 && tokens.present() && !input.url.includes('/auth/')) {
    if (await tokens.refresh()) return send(retry);
  }
  if (response.status === 401 && !input.url.includes('/auth/login')) tokens.expired();
  return response;
}

export const api = createClient<paths>({ baseUrl: __API_BASE_URL__, fetch: authFetch });

/** The body of a 2xx answer, or throws ApiProblem (4xx/5xx) or NetworkError (no answer). */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  // openapi-fetch has read the body already: its `error` is the problem+json
  if (!response.ok) throw new ApiProblem(isProblem(error) ? error : await problemOf(response));
  return data as T;
}

export { authFetch };
