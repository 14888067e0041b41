// Moved to users/password.ts; this re-export goes once every importer uses the new place.
export * from '../users/password';
