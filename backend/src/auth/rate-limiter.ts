// Moved to common/rate-limiter.ts; this re-export goes once every importer uses the new place.
export * from '../common/rate-limiter';
