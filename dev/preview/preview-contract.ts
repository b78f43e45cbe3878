import { z } from 'zod';

/**
 * What the sidebar page and the preview server exchange. Requests from the page are parsed with
 * these schemas at the server's edge; the page imports the types only.
 */

const FileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/);
/** A top-level function of Code.js: what a trigger, an Action or google.script.run names. */
export const FunctionNameSchema = z.string().regex(/^[A-Za-z_$][\w$]{0,99}$/, 'is not a function name');

/** Where the sidebar is open, and what the host app knows: the open Doc or the Drive selection. */
export const HostSchema = z.discriminatedUnion('app', [
  z.object({ app: z.literal('DRIVE'), selectedIds: z.array(FileIdSchema).max(100).default([]) }),
  z.object({ app: z.literal('DOCS'), docId: FileIdSchema.optional() }),
]);
export type Host = z.input<typeof HostSchema>;

const StringInputsSchema = z.object({ stringInputs: z.object({ value: z.array(z.string().max(100_000)).max(200) }) }).strict();

/** The event's common part as the page builds it; the server adds the host objects (docs, drive). */
export const CommonEventSchema = z
  .object({
    hostApp: z.enum(['DRIVE', 'DOCS']),
    platform: z.literal('WEB'),
    timeZone: z.object({ id: z.string().min(1).max(100), offset: z.number().int() }).strict(),
    userLocale: z.string().min(1).max(35),
    formInputs: z.record(z.string().max(200), StringInputsSchema).optional(),
    parameters: z.record(z.string().max(200), z.string().max(10_000)).optional(),
  })
  .strict();
export type CommonEvent = z.infer<typeof CommonEventSchema>;

/** POST /_preview/run: a trigger or a card action. */
export const RunRequestSchema = z.object({ fn: FunctionNameSchema, host: HostSchema, commonEventObject: CommonEventSchema }).strict();
export type RunRequest = z.input<typeof RunRequestSchema>;

/** POST /exec/run: google.script.run from an HtmlService page. */
export const ScriptRunRequestSchema = z.object({ fn: FunctionNameSchema, args: z.array(z.unknown()).max(20) }).strict();

/** POST /_preview/grant: the teacher allowed the add-on to open these files (drive.file). */
export const GrantRequestSchema = z.object({ fileIds: z.array(FileIdSchema).min(1).max(100) }).strict();

/** A file in the local Drive as the host shows it. */
export interface HostFile {
  id: string;
  name: string;
  mimeType: string;
  owner: string;
  modifiedTime: string;
  url: string;
  /** The add-on has drive.file access to it (picked, or allowed from Drive or Docs). */
  granted: boolean;
}

/** GET /_preview/session: who is signed in, the manifest's entry points, the local Drive. */
export interface Session {
  teacher: { email: string; name: string };
  addon: {
    name: string;
    primaryColor: string;
    universalActions: { label: string; runFunction?: string; openLink?: string }[];
    triggers: { driveHomepage: string; itemsSelected?: string; docsHomepage: string; fileScopeGranted?: string };
  };
  driveUrl: string;
  files: HostFile[];
}

/** What a run answers: the function's return value (card JSON, render actions) and its log. */
export type RunResponse =
  | { ok: true; value: unknown; logs: { level: string; text: string }[] }
  | { ok: false; error: { name: string; message: string }; logs: { level: string; text: string }[] };
