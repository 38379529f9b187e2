/**
 * Who is acting. Until accounts exist every change is made by the local user that the first migration
 * seeds (id 1). This is the one function an auth layer replaces: every route that writes asks it.
 */
export const LOCAL_USER_ID = 1;

export async function currentUserId(_req?: Request): Promise<number> {
  return LOCAL_USER_ID;
}
