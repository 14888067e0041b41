// Moved to common/tokens.ts; this re-export goes once every importer uses the new place.
export * from '../common/tokens';
