import { z } from 'zod';
import { GoogleDocIdSchema } from './common';

export const SelectedDocumentSchema = z.object({
  googleDocId: GoogleDocIdSchema,
  title: z.string().min(1).max(500),
  url: z.url().max(2000),
});
export type SelectedDocument = z.infer<typeof SelectedDocumentSchema>;
