/** Set at build time (vite.config.mts): '' when the API is on the same origin, else its origin for a CDN build. */
declare const __API_BASE_URL__: string;
