/**
 * Plausible ranges of the measurements a service record carries (`payload`, §3.5 rule 3): they reject typing slips,
 * not clinical extremes. One table for the API's validation (ServicePayloadDto) and the web app's forms, which
 * import this file as it is (plain TypeScript, no imports).
 */
export const PAYLOAD_RANGES = {
  sbp: { min: 40, max: 300, decimals: 0 },
  dbp: { min: 20, max: 200, decimals: 0 },
  fastingGlucose: { min: 0.5, max: 50, decimals: 1 },
  heartRate: { min: 20, max: 250, decimals: 0 },
  weightKg: { min: 0.5, max: 400, decimals: 1 },
} as const;
