import { z } from 'zod';

/**
 * The Workspace add-on event object (the parts GradeBot reads), parsed at the edge. Unknown fields
 * pass through untouched; wrong shapes fail loudly instead of turning into undefined deep inside.
 */
const StringInputsSchema = z.object({ stringInputs: z.object({ value: z.array(z.string()).default([]) }).optional() }).loose();

export const DriveItemSchema = z
  .object({
    id: z.string(),
    title: z.string().default(''),
    mimeType: z.string().default(''),
    addonHasFileScopePermission: z.boolean().default(false),
  })
  .loose();
export type DriveItem = z.infer<typeof DriveItemSchema>;

export const AddonEventSchema = z
  .object({
    commonEventObject: z
      .object({
        hostApp: z.string().optional(),
        platform: z.string().optional(),
        formInputs: z.record(z.string(), StringInputsSchema).optional(),
        parameters: z.record(z.string(), z.string()).optional(),
        timeZone: z.object({ id: z.string().optional(), offset: z.number().optional() }).loose().optional(),
        userLocale: z.string().optional(),
      })
      .loose()
      .default({}),
    drive: z
      .object({ activeCursorItem: DriveItemSchema.optional(), selectedItems: z.array(DriveItemSchema).default([]) })
      .loose()
      .optional(),
    docs: z
      .object({ id: z.string().optional(), title: z.string().optional(), addonHasFileScopePermission: z.boolean().default(false) })
      .loose()
      .optional(),
  })
  .loose();
export type AddonEvent = z.infer<typeof AddonEventSchema>;

/** Parse whatever Apps Script handed an entry point (undefined when run from the editor). */
export function parseEvent(raw: unknown): AddonEvent {
  return AddonEventSchema.parse(raw ?? {});
}

/** Every value of a form input (checkboxes give several); [] when absent. */
export function formValues(e: AddonEvent, name: string): string[] {
  return e.commonEventObject.formInputs?.[name]?.stringInputs?.value ?? [];
}

/** The single value of a form input; undefined when absent (a switch that is off, an untouched field). */
export function formValue(e: AddonEvent, name: string): string | undefined {
  return formValues(e, name)[0];
}

/** The doGet event of the web app (the Picker page). */
export const WebAppEventSchema = z.object({ parameter: z.record(z.string(), z.string()).default({}) }).loose();
export type WebAppEvent = z.infer<typeof WebAppEventSchema>;
