import { dispatchAction } from './actions/dispatch';
import { appsScriptGlobals } from './platform/services';
import { driveItemsSelected } from './triggers/drive';
import { docsHomepage, homepage } from './triggers/homepage';
import { pickerPage, savePickerSelection as savePicked } from './triggers/picker';
import { universalAssignments, universalBilling, universalPage } from './triggers/universal';

// The add-on's switchboard: every function Apps Script calls, one line each. The bundler exposes these
// exports as the global `GradeBot` and writes a top-level function for each (see dev/build/addon.ts).

/** Common and Drive homepage trigger. */
export const onHomepage = (e: unknown) => homepage(e, appsScriptGlobals());
/** Docs homepage trigger. */
export const onDocsHomepage = (e: unknown) => docsHomepage(e, appsScriptGlobals());
/** Docs onFileScopeGrantedTrigger: the teacher allowed access to the open Doc. */
export const onDocsFileScopeGranted = (e: unknown) => docsHomepage(e, appsScriptGlobals());
/** Drive onItemsSelectedTrigger. */
export const onDriveItemsSelected = (e: unknown) => driveItemsSelected(e, appsScriptGlobals());
/** The one card action dispatcher. */
export const onAction = (e: unknown) => dispatchAction(e, appsScriptGlobals());
/** Universal actions. */
export const showAssignments = (e: unknown) => universalAssignments(e, appsScriptGlobals());
export const showBilling = (e: unknown) => universalBilling(e, appsScriptGlobals());
export const openPrivacyPolicy = (e: unknown) => universalPage('privacy', e, appsScriptGlobals());
export const openTerms = (e: unknown) => universalPage('terms', e, appsScriptGlobals());
export const openAiUse = (e: unknown) => universalPage('ai', e, appsScriptGlobals());
/** Web app: the Picker page. */
export const doGet = (e: unknown) => pickerPage(e, appsScriptGlobals());
/** Called by the Picker page through google.script.run. */
export const savePickerSelection = (docs: unknown) => savePicked(docs, appsScriptGlobals());
