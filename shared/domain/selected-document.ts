import { z } from 'zod';
// The same URL rule as the API's edge (one schema decides): a URL the edge accepts is storable.
import { HttpUrlSchema } from '../api/common';
import { GoogleDocIdSchema } from './common';

export const SelectedDocumentSchema = z.object({
  googleDocId: GoogleDocIdSchema,
  title: z.string().min(1).max(500),
  url: HttpUrlSchema.max(2000),
});
export type SelectedDocument = z.infer<typeof SelectedDocumentSchema>;
