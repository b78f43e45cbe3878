import { createAdminHandler } from '../admin/create-admin-handler';
import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';

/** The operators' cost dashboard. */
export const admin = (d: Deps): HttpHandler => createAdminHandler(d);
