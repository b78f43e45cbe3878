import type * as CS from '../../../addon/platform/card-service';
import { FakeCardBuilder, FakeCardHeader, FakeCardSection, FakeFixedFooter } from './card';
import { enumOf } from '../enums';
import { FakeAction, FakeIconImage, FakeOpenLink, FakeSwitch, FakeTextButton } from './common';
import { FakeActionResponseBuilder, FakeDriveItemsSelectedBuilder, FakeEditorFileScopeBuilder, FakeNavigation, FakeNotification, FakeUniversalActionResponseBuilder } from './responses';
import { FakeButtonSet, FakeDecoratedText, FakeDivider, FakeImage, FakeSelectionInput, FakeTextInput, FakeTextParagraph } from './widgets';

export { CardServiceError } from './common';

/**
 * A CardService whose build() methods return card JSON (google.apps.card.v1) instead of opaque
 * objects, with the checks Apps Script makes when a card is built (missing text, empty sections,
 * buttons without an action) so a card that would fail in Apps Script fails in tests too. Built
 * values carry a non-enumerable printJson(), as Apps Script's do. Enum members are opaque objects
 * (dev/apps-script-fakes/enums.ts): a setter given a bare string throws, as in Apps Script.
 */

/** A fresh fake CardService. */
export function createCardService(): CS.CardServiceApi {
  return {
    newCardBuilder: () => new FakeCardBuilder(),
    newCardHeader: () => new FakeCardHeader(),
    newCardSection: () => new FakeCardSection(),
    newTextParagraph: () => new FakeTextParagraph(),
    newDecoratedText: () => new FakeDecoratedText(),
    newIconImage: () => new FakeIconImage(),
    newButtonSet: () => new FakeButtonSet(),
    newTextButton: () => new FakeTextButton(),
    newTextInput: () => new FakeTextInput(),
    newSelectionInput: () => new FakeSelectionInput(),
    newSwitch: () => new FakeSwitch(),
    newImage: () => new FakeImage(),
    newDivider: () => new FakeDivider(),
    newFixedFooter: () => new FakeFixedFooter(),
    newAction: () => new FakeAction(),
    newOpenLink: () => new FakeOpenLink(),
    newNavigation: () => new FakeNavigation(),
    newNotification: () => new FakeNotification(),
    newActionResponseBuilder: () => new FakeActionResponseBuilder(),
    newUniversalActionResponseBuilder: () => new FakeUniversalActionResponseBuilder(),
    newEditorFileScopeActionResponseBuilder: () => new FakeEditorFileScopeBuilder(),
    newDriveItemsSelectedActionResponseBuilder: () => new FakeDriveItemsSelectedBuilder(),
    OpenAs: enumOf('CardService', 'OpenAs', ['FULL_SIZE', 'OVERLAY']),
    OnClose: enumOf('CardService', 'OnClose', ['NOTHING', 'RELOAD']),
    LoadIndicator: enumOf('CardService', 'LoadIndicator', ['SPINNER', 'NONE']),
    SelectionInputType: enumOf('CardService', 'SelectionInputType', ['CHECK_BOX', 'RADIO_BUTTON', 'SWITCH', 'DROPDOWN']),
    TextButtonStyle: enumOf('CardService', 'TextButtonStyle', ['OUTLINED', 'TEXT', 'FILLED', 'FILLED_TONAL', 'BORDERLESS']),
    ImageStyle: enumOf('CardService', 'ImageStyle', ['SQUARE', 'CIRCLE']),
    SwitchControlType: enumOf('CardService', 'SwitchControlType', ['SWITCH', 'CHECK_BOX']),
    Icon: enumOf('CardService', 'Icon', ['BOOKMARK', 'CLOCK', 'DESCRIPTION', 'EMAIL', 'INVITE', 'MEMBERSHIP', 'MULTIPLE_PEOPLE', 'PERSON', 'STAR', 'DOLLAR', 'TICKET']),
  };
}
