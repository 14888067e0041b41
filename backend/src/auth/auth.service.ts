// Sessions and password sign-in moved to users/sessions.service.ts (SessionsService); this re-export goes once
// every importer uses the new place.
export { SessionsService as AuthService, toAuthUser } from '../users/sessions.service';
