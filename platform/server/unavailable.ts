import { DatabaseBusy, databaseUnreachable } from '../store/database';
import { CacheUnavailable } from '../store/cache';

/**
 * What a customer is told when stored data could not be used, over REST (503) and on the chat
 * (error_message) alike: the database had no connection to spare (DATABASE_BUSY, contract section 9),
 * or the database or Redis could not be reached (STORAGE_UNAVAILABLE). Undefined for any other error.
 */
export function storageRefusal(error: unknown): { code: string; detail: string } | undefined {
  if (error instanceof DatabaseBusy) return { code: 'DATABASE_BUSY', detail: error.message };
  if (databaseUnreachable(error) || error instanceof CacheUnavailable) {
    return { code: 'STORAGE_UNAVAILABLE', detail: 'Stored data cannot be reached right now; nothing was changed, and you can try again shortly.' };
  }
  return undefined;
}
