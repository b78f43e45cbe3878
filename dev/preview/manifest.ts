import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Session } from './preview-contract';

const Trigger = z.object({ runFunction: z.string().min(1) }).loose();

const ManifestSchema = z
  .object({
    timeZone: z.string().default('America/New_York'),
    addOns: z
      .object({
        common: z
          .object({
            name: z.string(),
            layoutProperties: z.object({ primaryColor: z.string().optional() }).loose().optional(),
            homepageTrigger: Trigger,
            universalActions: z.array(z.object({ label: z.string(), runFunction: z.string().optional(), openLink: z.string().optional() })).default([]),
          })
          .loose(),
        drive: z.object({ homepageTrigger: Trigger.optional(), onItemsSelectedTrigger: Trigger.optional() }).loose().optional(),
        docs: z.object({ homepageTrigger: Trigger.optional(), onFileScopeGrantedTrigger: Trigger.optional() }).loose().optional(),
      })
      .loose(),
  })
  .loose();

/** The parts of appsscript.json a Workspace host reads to show an add-on. */
export interface HostManifest {
  timeZone: string;
  addon: Session['addon'];
}

/** Read the manifest the way Drive and Docs use it: which function each trigger and menu item runs. */
export function readHostManifest(path: string): HostManifest {
  const m = ManifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const common = m.addOns.common;
  const home = common.homepageTrigger.runFunction;
  return {
    timeZone: m.timeZone,
    addon: {
      name: common.name,
      primaryColor: common.layoutProperties?.primaryColor ?? '#1A73E8',
      universalActions: common.universalActions,
      triggers: {
        // A host's own homepage trigger wins over the common one, as in Workspace.
        driveHomepage: m.addOns.drive?.homepageTrigger?.runFunction ?? home,
        itemsSelected: m.addOns.drive?.onItemsSelectedTrigger?.runFunction,
        docsHomepage: m.addOns.docs?.homepageTrigger?.runFunction ?? home,
        fileScopeGranted: m.addOns.docs?.onFileScopeGrantedTrigger?.runFunction,
      },
    },
  };
}
