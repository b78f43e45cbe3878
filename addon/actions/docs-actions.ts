import { z } from 'zod';
import { defineHandler } from './handler';

/** Ask Docs for drive.file access to the open Doc; on grant, the file-scope trigger shows its feedback. */
export const requestDocAccess = defineHandler('docs.grant', z.object({}), () => ({ fileScope: { kind: 'activeDocument' } }));
